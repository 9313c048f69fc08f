// The server profile's log line (issue 19): one JSON object a line on stdout,
// `{time, level, service, stream, msg, …}`, for the supervisor's own events (stream "supervisor",
// service null unless the line is about one) and every line services print (stream "stdout" or
// "stderr", level "info" for both, as systemd's journal does). Log shippers (docker, journald,
// Fluent Bit, Loki) read it as is. Pure.
import type { LogEvent, RuntimeEvent } from '../control/contract.ts';

/** Levels of a server line; "fatal" is the one line a failed start-up writes on stderr. */
export type ServerLevel = 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** What one server line says; extra keys follow the fixed five. */
export interface ServerLine {
  readonly time: string;
  readonly level: ServerLevel;
  readonly service: string | null;
  readonly stream: 'stdout' | 'stderr' | 'supervisor';
  readonly msg: string;
  readonly [extra: string]: unknown;
}

/** The JSON text of a server line: the fixed keys first, then the extra ones (no newline). */
export function formatServerLine(line: ServerLine): string {
  const { time, level, service, stream, msg, ...extra } = line;
  return JSON.stringify({ time, level, service, stream, msg, ...extra });
}

/** One server line per output line of a log event (their text joined by "\n"), built without an object per line. */
export function serverOutputLines(service: string, stream: 'stdout' | 'stderr', at: string, lines: readonly string[]): string {
  const head = `{"time":${JSON.stringify(at)},"level":"info","service":${JSON.stringify(service)},"stream":"${stream}","msg":`;
  return lines.map((line) => `${head}${JSON.stringify(line)}}`).join('\n');
}

/** The server line(s) of a bus event (log events split into their lines). */
export function serverLinesOf(event: RuntimeEvent, lines: (event: LogEvent) => readonly string[]): string {
  if (event.type === 'log') return serverOutputLines(event.service, event.stream, event.at, lines(event));
  if (event.type === 'supervisor') return formatServerLine({ time: event.at, level: 'info', service: null, stream: 'supervisor', msg: `supervisor ${event.state}`, state: event.state });
  if (event.type === 'handoff') {
    const msg = `bundle update ${event.state}${event.target === null ? '' : ` (${event.target})`}${event.reason === null ? '' : `: ${event.reason}`}`;
    return formatServerLine({ time: event.at, level: event.state === 'failed' ? 'error' : 'info', service: null, stream: 'supervisor', msg, state: event.state, target: event.target });
  }
  const level: ServerLevel = event.to === 'failed' ? 'error' : event.to === 'backoff' || event.to === 'unhealthy' ? 'warn' : 'info';
  const msg = `${event.from} → ${event.to}${event.reason === null ? '' : ` (${event.reason})`}`;
  return formatServerLine({ time: event.at, level, service: event.service, stream: 'supervisor', msg, from: event.from, to: event.to, reason: event.reason, pid: event.pid });
}
