// Overview: the overall state, "Open app", what needs attention, and one row per service with
// its state (colour and words), pid, ports (http ones as links), restarts, uptime, last exit and
// Start / Restart / Stop (Stop's confirmation and a failed action open a row of their own below).
import { memo, useDeferredValue, useId, useState } from 'react';
import type { ServiceStatus, StatusResponse } from '../../../supervisor/src/control/contract.ts';
import { FailureDetails } from '../components/failure-details.tsx';
import { OpenAppLink } from '../components/open-app-link.tsx';
import { ShutDownButton } from '../components/shut-down-button.tsx';
import { PortLinks } from '../components/port-links.tsx';
import { ServiceActionButtons, ServiceActionFeedback } from '../components/service-actions.tsx';
import { useServiceActions } from '../components/use-service-actions.ts';
import { OverallBadge, StateBadge } from '../components/state-badge.tsx';
import { Elapsed, Uptime } from '../components/elapsed.tsx';
import { formatDateTime, formatExit, isFailedExit } from '../format/format.ts';
import { isSettled } from '../format/states.ts';
import { hrefFor } from '../routing/hash-route.ts';
import { ScreenHeading } from './screen-heading.tsx';

const ATTENTION = new Set(['failed', 'unhealthy', 'backoff', 'waiting-secrets']);
/** Above this many services the table gets a filter. */
const FILTER_FROM = 8;
/** At most this many services are detailed under "Needs attention". */
const ATTENTION_SHOWN = 5;
type StateFilter = 'all' | 'attention' | 'up' | 'down';
/** Columns of the services table. */
const COLUMNS = 8;

/** Services matching a name filter and a state group. */
export function filterServices(services: readonly ServiceStatus[], query: string, group: StateFilter): readonly ServiceStatus[] {
  const needle = query.trim().toLowerCase();
  if (needle === '' && group === 'all') return services;
  return services.filter((service) => {
    if (needle !== '' && !service.name.toLowerCase().includes(needle)) return false;
    if (group === 'attention') return ATTENTION.has(service.state);
    if (group === 'up') return isSettled(service.state);
    if (group === 'down') return !isSettled(service.state);
    return true;
  });
}

/** Props: the snapshot and the local start time of each service's process (for uptime). */
export interface OverviewProps {
  status: StatusResponse;
  processStartMs: Readonly<Record<string, number | null>>;
  /** Offer "Shut down" (not inside the desktop shell, whose Quit does that). */
  canShutDown?: boolean;
}

/** The overview screen. */
export function OverviewScreen({ status, processStartMs, canShutDown = false }: OverviewProps) {
  const settled = status.services.filter((service) => isSettled(service.state)).length;
  const attention = status.services.filter((service) => ATTENTION.has(service.state));
  // Detail a few; the rest are one filter away (the table has a filter only when the list is long).
  const attentionShown = status.services.length > FILTER_FROM ? ATTENTION_SHOWN : attention.length;
  return (
    <>
      <ScreenHeading
        title={status.app.name}
        subtitle={
          <>
            {settled} of {status.services.length} services up · supervisor up <Elapsed sinceMs={Date.parse(status.supervisor.startedAt)} />
          </>
        }
      >
        <OverallBadge state={status.supervisor.state} large />
        {canShutDown && <ShutDownButton appName={status.app.name} />}
        <OpenAppLink uiUrl={status.uiUrl} appName={status.app.name} />
      </ScreenHeading>
      {attention.length > 0 && (
        <section className="panel panel--attention" aria-labelledby="attention-title">
          <div className="panel__header">
            <h2 id="attention-title" className="panel__title">
              Needs attention
            </h2>
          </div>
          <ul className="attention">
            {attention.slice(0, attentionShown).map((service) => (
              <li key={service.name} className="attention__item">
                <div className="attention__head">
                  <a href={hrefFor({ name: 'service', service: service.name })}>{service.name}</a>
                  <StateBadge state={service.state} />
                  {service.state === 'waiting-secrets' && <a href={hrefFor({ name: 'secrets' })}>Enter secrets</a>}
                </div>
                <FailureDetails service={service} />
              </li>
            ))}
          </ul>
          {attention.length > attentionShown && (
            <p className="panel__empty muted">
              And {attention.length - attentionShown} more: choose “Needs attention” in the table below.
            </p>
          )}
        </section>
      )}
      <ServicesTable services={status.services} processStartMs={processStartMs} />
    </>
  );
}

function ServicesTable({ services, processStartMs }: { services: readonly ServiceStatus[]; processStartMs: Readonly<Record<string, number | null>> }) {
  const [query, setQuery] = useState('');
  const [group, setGroup] = useState<StateFilter>('all');
  const shown = filterServices(services, useDeferredValue(query), group);
  const ids = { query: useId(), group: useId() };
  return (
    <>
      <section className="panel" aria-labelledby="services-title">
        <div className="panel__header">
          <h2 id="services-title" className="panel__title">
            Services
            {shown.length !== services.length && (
              <span className="panel__count muted">
                {' '}
                · {shown.length} of {services.length}
              </span>
            )}
          </h2>
          <div className="panel__tools">
            {services.length > FILTER_FROM && (
              <>
                <label htmlFor={ids.query} className="visually-hidden">
                  Filter services
                </label>
                <input id={ids.query} className="input input--search" type="search" placeholder="Filter services" value={query} onChange={(event) => setQuery(event.target.value)} autoComplete="off" spellCheck={false} />
                <label htmlFor={ids.group} className="visually-hidden">
                  Show
                </label>
                <select id={ids.group} className="input" value={group} onChange={(event) => setGroup(event.target.value as StateFilter)}>
                  <option value="all">All states</option>
                  <option value="attention">Needs attention</option>
                  <option value="up">Up</option>
                  <option value="down">Not up</option>
                </select>
              </>
            )}
            <a className="link-quiet" href={hrefFor({ name: 'startup' })}>
              Start-up view
            </a>
          </div>
        </div>
        <div className="table-wrap">
          <table className="table table--services">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">State</th>
                <th scope="col" className="num">
                  PID
                </th>
                <th scope="col">Ports</th>
                <th scope="col" className="num">
                  Restarts
                </th>
                <th scope="col">Uptime</th>
                <th scope="col">Last exit</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((service) => (
                <ServiceRow key={service.name} service={service} startMs={processStartMs[service.name] ?? null} />
              ))}
              {shown.length === 0 && (
                <tr>
                  <td colSpan={COLUMNS} className="muted">
                    No services match the filter.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

// Memoised: a live event replaces only the changed service's object, so other rows skip.
const ServiceRow = memo(function ServiceRow({ service, startMs }: { service: ServiceStatus; startMs: number | null }) {
  const actions = useServiceActions(service);
  return (
    <>
      <tr data-service={service.name}>
        <th scope="row">
          <a href={hrefFor({ name: 'service', service: service.name })}>{service.name}</a>
          {service.kind === 'task' && <span className="tag">task</span>}
        </th>
        <td>
          <StateBadge state={service.state} />
        </td>
        <td className="num">{service.pid ?? <span className="muted">—</span>}</td>
        <td>
          <PortLinks ports={service.ports} service={service.name} />
        </td>
        <td className="num">{service.restarts}</td>
        <td>
          <Uptime pid={service.pid} startMs={startMs} uptimeMs={service.uptimeMs} />
        </td>
        <td>
          {service.lastExit === null ? (
            <span className="muted">—</span>
          ) : (
            <span className={isFailedExit(service.lastExit) ? 'text-bad' : undefined} title={formatDateTime(service.lastExit.at)}>
              {formatExit(service.lastExit)}
            </span>
          )}
        </td>
        <td>
          <ServiceActionButtons actions={actions} small />
        </td>
      </tr>
      {(actions.confirming || actions.error !== null) && (
        <tr className="table__detail" data-detail-of={service.name}>
          <td colSpan={COLUMNS}>
            <ServiceActionFeedback actions={actions} />
          </td>
        </tr>
      )}
    </>
  );
});
