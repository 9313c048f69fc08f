// The start-up progress table a person sees in a terminal (pure rendering): one row per service
// with its state, pid, ports and why it waits or failed.
import pc from 'picocolors';
import type { ServiceState, ServiceStatus } from '../control/contract.ts';

const MARK: Record<ServiceState, string> = {
  pending: '…',
  'waiting-secrets': '🔑',
  starting: '◌',
  running: '●',
  ready: '✔',
  unhealthy: '!',
  backoff: '↻',
  stopping: '◌',
  stopped: '■',
  completed: '✔',
  failed: '✖',
};

/** Colour of a state: green up, yellow in between, red failed, dim otherwise. */
export function colourState(state: ServiceState, text: string): string {
  if (state === 'ready' || state === 'running' || state === 'completed') return pc.green(text);
  if (state === 'failed') return pc.red(text);
  if (state === 'unhealthy' || state === 'backoff' || state === 'waiting-secrets') return pc.yellow(text);
  return pc.dim(text);
}

/** One row per service, names aligned. */
export function renderProgress(services: readonly ServiceStatus[]): string {
  const width = Math.max(...services.map((service) => service.name.length), 4);
  return services
    .map((service) => {
      const ports = Object.values(service.ports).map((port) => `:${port.port}`).join(' ');
      const pid = service.pid === null ? '' : `pid ${service.pid}`;
      const detail = service.reason ?? '';
      const state = colourState(service.state, `${MARK[service.state]} ${service.state.padEnd(15)}`);
      return `  ${service.name.padEnd(width)}  ${state} ${pid.padEnd(10)} ${ports.padEnd(7)} ${pc.dim(detail)}`.trimEnd();
    })
    .join('\n');
}
