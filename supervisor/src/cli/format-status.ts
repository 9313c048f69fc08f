// `berth status` as a table, like `docker compose ps`: NAME, KIND, STATE, PID, PORTS, RESTARTS,
// UPTIME, then one hint line per service that waits for something a person can give. Pure.
import type { ServiceStatus, StatusResponse } from '../control/contract.ts';

/** Uptime as docker shows it: "45s", "3m12s", "2h05m", "3d4h"; "-" when nothing runs. */
export function formatUptime(ms: number | null): string {
  if (ms === null) return '-';
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d${hours % 24}h`;
}

/** "http=47100,admin=47101", or "-" when the service has no ports. */
function formatPorts(service: ServiceStatus): string {
  const entries = Object.entries(service.ports).map(([name, info]) => `${name}=${info.port}`);
  return entries.length === 0 ? '-' : entries.join(',');
}

/** Left-aligned columns separated by three spaces. */
export function formatTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join('   ').trimEnd());
}

/** The lines `berth status` prints. */
export function formatStatus(status: StatusResponse): string[] {
  const header = ['NAME', 'KIND', 'STATE', 'PID', 'PORTS', 'RESTARTS', 'UPTIME'];
  const rows = status.services.map((service) => [
    service.name,
    service.kind,
    service.state,
    service.pid === null ? '-' : String(service.pid),
    formatPorts(service),
    String(service.restarts),
    formatUptime(service.uptimeMs),
  ]);
  const lines = [`${status.app.name} ${status.app.version}: ${status.supervisor.state} (supervisor pid ${status.supervisor.pid}, ${status.supervisor.profile})`, ...formatTable([header, ...rows])];
  for (const service of status.services) {
    if (service.state === 'waiting-secrets' && service.missingSecrets.length > 0) {
      lines.push(`${service.name} waits for secrets ${service.missingSecrets.join(', ')}: berth secrets set ${service.missingSecrets[0] ?? ''}`);
    } else if ((service.state === 'failed' || service.state === 'pending') && service.reason !== null) {
      lines.push(`${service.name}: ${service.reason}`);
    }
  }
  if (status.uiUrl !== null) lines.push(`App: ${status.uiUrl}`);
  return lines;
}
