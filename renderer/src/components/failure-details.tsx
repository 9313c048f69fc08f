// Why a service is stuck or failed: its reason, and the last output lines it printed.
import type { ServiceStatus } from '../../../supervisor/src/control/contract.ts';

/** The reason and last lines of a service, when there are any. */
export function FailureDetails({ service }: { service: ServiceStatus }) {
  if (service.reason === null && service.lastLines.length === 0) return null;
  return (
    <div className="failure">
      {service.reason !== null && <p className={`failure__reason${service.state === 'failed' ? ' failure__reason--bad' : ''}`}>{service.reason}</p>}
      {service.lastLines.length > 0 && (
        <figure className="failure__lines">
          <figcaption>Last output of {service.name}</figcaption>
          <pre tabIndex={0}>{service.lastLines.join('\n')}</pre>
        </figure>
      )}
    </div>
  );
}
