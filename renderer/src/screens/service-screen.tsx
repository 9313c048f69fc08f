// One service: its facts, Start/Stop/Restart, live logs and run history.
import type { ReactNode } from 'react';
import type { ServiceStatus, StatusResponse } from '../../../supervisor/src/control/contract.ts';
import { FailureDetails } from '../components/failure-details.tsx';
import { LogView } from '../components/log-view.tsx';
import { PortLinks } from '../components/port-links.tsx';
import { RunHistory } from '../components/run-history.tsx';
import { ServiceActions } from '../components/service-actions.tsx';
import { StateBadge } from '../components/state-badge.tsx';
import { Uptime } from '../components/elapsed.tsx';
import { formatDateTime, formatExit } from '../format/format.ts';
import { hrefFor } from '../routing/hash-route.ts';
import { useServiceLogs } from '../state/use-service-logs.ts';
import { ScreenHeading } from './screen-heading.tsx';

/** Props: the snapshot, the service's name from the route, and process start times. */
export interface ServiceScreenProps {
  status: StatusResponse;
  name: string;
  processStartMs: Readonly<Record<string, number | null>>;
}

/** The service screen (or a not-found message for an unknown name). */
export function ServiceScreen({ status, name, processStartMs }: ServiceScreenProps) {
  const service = status.services.find((candidate) => candidate.name === name);
  if (service === undefined) {
    return (
      <>
        <ScreenHeading title="Unknown service" />
        <p>
          There is no service called <code>{name}</code> in {status.app.name}. <a href={hrefFor({ name: 'overview' })}>Back to the overview</a>
        </p>
      </>
    );
  }
  return <KnownService service={service} startMs={processStartMs[name] ?? null} />;
}

function KnownService({ service, startMs }: { service: ServiceStatus; startMs: number | null }) {
  const logs = useServiceLogs(service.name);
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a href={hrefFor({ name: 'overview' })}>Overview</a>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">{service.name}</span>
      </nav>
      <ScreenHeading title={service.name} subtitle={service.kind === 'task' ? 'Task (runs to completion)' : 'Service'}>
        <StateBadge state={service.state} />
      </ScreenHeading>
      <div className="service-top">
        <Facts service={service} startMs={startMs} />
        <ServiceActions service={service} />
      </div>
      {(service.state === 'failed' || service.state === 'backoff' || service.state === 'unhealthy') && <FailureDetails service={service} />}
      <LogView service={service.name} lines={logs.lines} loading={logs.loading} error={logs.error} />
      <RunHistory service={service.name} reloadKey={`${service.pid ?? 'none'}:${service.state}`} />
    </>
  );
}

function Facts({ service, startMs }: { service: ServiceStatus; startMs: number | null }) {
  const dependencies = Object.entries(service.dependsOn);
  return (
    <dl className="facts">
      <Fact term="PID">{service.pid ?? '—'}</Fact>
      <Fact term="Uptime">
        <Uptime pid={service.pid} startMs={startMs} uptimeMs={service.uptimeMs} />
      </Fact>
      <Fact term="Restarts">{service.restarts}</Fact>
      <Fact term="Last exit">{service.lastExit === null ? '—' : `${formatExit(service.lastExit)} at ${formatDateTime(service.lastExit.at)}`}</Fact>
      <Fact term="Ports">
        <PortLinks ports={service.ports} service={service.name} />
      </Fact>
      <Fact term="Depends on">
        {dependencies.length === 0
          ? '—'
          : dependencies.map(([name, condition], index) => (
              <span key={name}>
                {index > 0 && ', '}
                <a href={hrefFor({ name: 'service', service: name })}>{name}</a> <span className="muted">({condition})</span>
              </span>
            ))}
      </Fact>
      {service.reason !== null && service.state !== 'failed' && <Fact term="Reason">{service.reason}</Fact>}
    </dl>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="facts__item">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
