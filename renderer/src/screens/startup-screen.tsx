// Start-up: every service in start order with its live state, what it waits on, how long it
// took, and, when one fails, why and its last output lines.
import type { ServiceStatus, StatusResponse } from '../../../supervisor/src/control/contract.ts';
import { FailureDetails } from '../components/failure-details.tsx';
import { OpenAppLink } from '../components/open-app-link.tsx';
import { OverallBadge, StateBadge } from '../components/state-badge.tsx';
import { Elapsed } from '../components/elapsed.tsx';
import { durationBetween, formatDuration } from '../format/format.ts';
import { isSettled } from '../format/states.ts';
import { hrefFor } from '../routing/hash-route.ts';
import { orderByDependencies } from '../state/dependency-order.ts';
import { ScreenHeading } from './screen-heading.tsx';

/** The start-up progress screen. */
export function StartupScreen({ status }: { status: StatusResponse }) {
  const ordered = orderByDependencies(status.services);
  const settled = status.services.filter((service) => isSettled(service.state)).length;
  const total = status.services.length;
  return (
    <>
      <ScreenHeading title={startupTitle(status)}>
        <OverallBadge state={status.supervisor.state} large />
      </ScreenHeading>
      <div className="startup__summary">
        <div className="progress" role="progressbar" aria-label="Services ready" aria-valuemin={0} aria-valuemax={total} aria-valuenow={settled} aria-valuetext={`${settled} of ${total} services ready`}>
          <progress className="progress__bar" max={Math.max(total, 1)} value={settled} aria-hidden="true" />
          <span className="progress__text">
            {settled} of {total} ready · <Elapsed sinceMs={Date.parse(status.supervisor.startedAt)} /> since start
          </span>
        </div>
        <div className="startup__links">
          <a className="button" href={hrefFor({ name: 'overview' })}>
            Overview
          </a>
          <OpenAppLink uiUrl={status.uiUrl} appName={status.app.name} />
        </div>
      </div>
      <ol className="steps" aria-label="Services in start order">
        {ordered.map(({ service, level }) => (
          <StartupStep key={service.name} service={service} level={level} />
        ))}
      </ol>
    </>
  );
}

/** The heading for each overall state: progress, success, or what went wrong. */
function startupTitle(status: StatusResponse): string {
  const name = status.app.name;
  switch (status.supervisor.state) {
    case 'starting':
      return `Starting ${name}`;
    case 'ready':
      return `${name} is ready`;
    case 'degraded':
      return `${name} started with problems`;
    case 'failed':
      return `${name} did not start`;
    case 'stopping':
      return `Stopping ${name}`;
    case 'stopped':
      return `${name} is stopped`;
  }
}

function StartupStep({ service, level }: { service: ServiceStatus; level: number }) {
  const failed = service.state === 'failed';
  return (
    <li className={`step step--${service.state}`} data-service={service.name}>
      <div className="step__head">
        <span className="step__level muted" title="Start-up level">
          {level + 1}
        </span>
        <a className="step__name" href={hrefFor({ name: 'service', service: service.name })}>
          {service.name}
        </a>
        {service.kind === 'task' && <span className="tag">task</span>}
        <StateBadge state={service.state} />
        <span className="step__timing muted">
          <Timing service={service} />
        </span>
      </div>
      <StepDetail service={service} />
      {(failed || service.state === 'backoff' || service.state === 'unhealthy') && <FailureDetails service={service} />}
    </li>
  );
}

function StepDetail({ service }: { service: ServiceStatus }) {
  if (service.state === 'pending' && service.waitingOn.length > 0) {
    return (
      <p className="step__detail">
        Waiting for{' '}
        {service.waitingOn.map((name, index) => (
          <span key={name}>
            {index > 0 && ', '}
            <a href={hrefFor({ name: 'service', service: name })}>{name}</a>
            {service.dependsOn[name] !== undefined && <span className="muted"> ({service.dependsOn[name]})</span>}
          </span>
        ))}
      </p>
    );
  }
  if (service.state === 'waiting-secrets') {
    return (
      <p className="step__detail">
        Needs {service.missingSecrets.length === 1 ? 'secret' : 'secrets'} <code>{service.missingSecrets.join(', ') || '…'}</code> —{' '}
        <a href={hrefFor({ name: 'secrets' })}>enter secrets</a>
      </p>
    );
  }
  return null;
}

/** How long start-up took, or (ticking) how long it has been starting. */
function Timing({ service }: { service: ServiceStatus }) {
  if (isSettled(service.state)) {
    const took = durationBetween(service.startedAt, service.readyAt);
    return took === null ? null : <>took {took < 10_000 ? `${(took / 1000).toFixed(1)}s` : formatDuration(took)}</>;
  }
  if (service.state === 'starting' && service.startedAt !== null) return <Elapsed sinceMs={Date.parse(service.startedAt)} />;
  return null;
}
