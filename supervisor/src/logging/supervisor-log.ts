// The supervisor's own log (DESIGN §9): JSON lines `{time, level, concern, service?, pid, msg,
// ...fields}` written with electron-log/node to <logsDir>/supervisor.log (synchronous appends, so
// the last words before a crash are on disk; size-rotated to supervisor.log.1 … .N like the other
// logs). The server profile also echoes each line to stdout as a server line (server-line.ts:
// `{time, level, service, stream: "supervisor", msg, …}`); the desktop profile never does, since
// its stdout carries the handshake.
import { mkdirSync, renameSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import electronLog from 'electron-log/node';
import type { LogFields, Logger } from './logger.ts';
import { formatServerLine } from './server-line.ts';

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVEL_RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** How the supervisor log is set up. */
export interface SupervisorLogOptions {
  logsDir: string;
  profile: 'desktop' | 'headless' | 'server';
  /** Receives every line too; default: stdout in the server profile, nothing otherwise. */
  echo?: (line: string) => void;
  /** Lowest level written (default info). */
  level?: Level;
  /** Masks secret values in the finished line. */
  redact?: (text: string) => string;
  /** Rotate past this size (default 5 MiB), keeping maxFiles old files (default 3). */
  maxBytes?: number;
  maxFiles?: number;
}

/** Formats one log record as a JSON line (pure): fixed keys first, then the fields. */
export function formatSupervisorLine(level: Level, message: string, fields: LogFields, at: Date, pid: number): string {
  const { concern, service, ...rest } = fields;
  return JSON.stringify({ time: at.toISOString(), level, concern, service, pid, msg: message, ...rest });
}

/** The server profile's stdout line for one log record (pure). */
export function formatSupervisorServerLine(level: Level, message: string, fields: LogFields, at: Date, pid: number): string {
  const { concern, service, ...rest } = fields;
  return formatServerLine({ time: at.toISOString(), level, service: typeof service === 'string' ? service : null, stream: 'supervisor', msg: message, concern, pid, ...rest });
}

/** Creates the supervisor's Logger backed by electron-log/node. */
export function createSupervisorLogger(options: SupervisorLogOptions): Logger {
  const file = join(options.logsDir, 'supervisor.log');
  const maxFiles = options.maxFiles ?? 3;
  mkdirSync(options.logsDir, { recursive: true });
  const backend = electronLog.create({ logId: `berth-supervisor-${randomUUID()}` });
  backend.transports.console.level = false;
  const fileTransport = backend.transports.file;
  fileTransport.level = 'silly';
  fileTransport.sync = true;
  fileTransport.maxSize = options.maxBytes ?? 5 * 1024 * 1024;
  fileTransport.resolvePathFn = () => file;
  fileTransport.format = ({ data }) => data;
  fileTransport.archiveLogFn = () => {
    for (let index = maxFiles - 1; index >= 1; index--) renameQuietly(`${file}.${index}`, `${file}.${index + 1}`);
    renameQuietly(file, `${file}.1`);
  };
  const echo = options.echo ?? (options.profile === 'server' ? (line: string) => process.stdout.write(`${line}\n`) : undefined);
  const minimum = LEVEL_RANK[options.level ?? 'info'];
  const redact = options.redact ?? ((text: string) => text);

  const make = (bound: LogFields): Logger => {
    const write = (level: Level) => (message: string, fields: LogFields = {}) => {
      if (LEVEL_RANK[level] < minimum) return;
      const all = { ...bound, ...fields };
      const at = new Date();
      backend[level](redact(formatSupervisorLine(level, message, all, at, process.pid)));
      echo?.(redact(formatSupervisorServerLine(level, message, all, at, process.pid)));
    };
    return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), child: (fields) => make({ ...bound, ...fields }) };
  };
  return make({});
}

function renameQuietly(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    // missing rotated file: nothing to shift
  }
}
