// Pure updates of the status snapshot from live events, so a state change shows at once without
// refetching /status (which still follows, throttled, for the fields events do not carry).
import {
  deriveOverallState,
  type RuntimeEvent,
  type ServiceState,
  type ServiceStatus,
  type StatusResponse,
} from '../../../supervisor/src/control/contract.ts';

const SETTLED: ReadonlySet<ServiceState> = new Set<ServiceState>(['ready', 'running', 'completed']);

/** Returns the snapshot with one event applied (the same object when nothing changed). */
export function applyEvent(status: StatusResponse, event: RuntimeEvent): StatusResponse {
  if (event.type === 'log') return status;
  if (event.type === 'supervisor') {
    return event.state === status.supervisor.state ? status : { ...status, supervisor: { ...status.supervisor, state: event.state } };
  }
  if (event.type === 'handoff') return { ...status, handoff: { state: event.state, target: event.target, reason: event.reason } };
  const index = status.services.findIndex((service) => service.name === event.service);
  const current = status.services[index];
  if (current === undefined) return status;
  const next: ServiceStatus = {
    ...current,
    state: event.to,
    reason: event.reason,
    pid: event.pid,
    uptimeMs: event.pid === null ? null : event.pid === current.pid ? current.uptimeMs : 0,
    startedAt: event.to === 'starting' ? event.at : current.startedAt,
    readyAt: SETTLED.has(event.to) ? event.at : current.readyAt,
    blockedBy: event.blockedBy === undefined ? current.blockedBy : event.blockedBy,
    waitingOn: event.to === 'pending' ? current.waitingOn : [],
    missingSecrets: event.to === 'waiting-secrets' ? current.missingSecrets : [],
    lastLines: event.to === 'starting' ? [] : current.lastLines,
  };
  const services = status.services.slice();
  services[index] = next;
  const stopping = status.supervisor.state === 'stopping';
  const overall = deriveOverallState(services.map((service) => service.state), stopping);
  return { ...status, services, supervisor: { ...status.supervisor, state: overall } };
}

/** Returns the snapshot with one service replaced (after a start/stop/restart reply). */
export function replaceService(status: StatusResponse, service: ServiceStatus): StatusResponse {
  const services = status.services.map((existing) => (existing.name === service.name ? service : existing));
  const stopping = status.supervisor.state === 'stopping';
  return { ...status, services, supervisor: { ...status.supervisor, state: deriveOverallState(services.map((s) => s.state), stopping) } };
}

/** `next` with each service that did not change replaced by the previous object, so memoised rows skip. */
export function reuseUnchanged(previous: StatusResponse | null, next: StatusResponse): StatusResponse {
  if (previous === null) return next;
  const before = new Map(previous.services.map((service) => [service.name, service]));
  let reused = 0;
  const services = next.services.map((service) => {
    const old = before.get(service.name);
    if (old === undefined || JSON.stringify(old) !== JSON.stringify(service)) return service;
    reused++;
    return old;
  });
  return reused === 0 ? next : { ...next, services };
}
