// A service's ports: http ones as links to their URL, the rest as plain numbers.
import type { PortInfo } from '../../../supervisor/src/control/contract.ts';

/** Inline list of `name: port` entries. */
export function PortLinks({ ports, service }: { ports: Readonly<Record<string, PortInfo>>; service: string }) {
  const entries = Object.entries(ports);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="ports" aria-label={`Ports of ${service}`}>
      {entries.map(([name, port]) => (
        <li key={name}>
          {port.protocol === 'http' && port.url !== undefined ? (
            <a href={port.url} target="_blank" rel="noopener noreferrer" title={`${name} (${port.url})`}>
              <span className="ports__name">{name}</span> {port.port}
            </a>
          ) : (
            <span title={`${name} (${port.protocol})`}>
              <span className="ports__name">{name}</span> {port.port}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
