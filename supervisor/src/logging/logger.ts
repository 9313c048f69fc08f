// The supervisor's own structured log: JSON lines with level, concern, service and pid (house
// style). The backing writer (electron-log/node into logs/supervisor.log) is chosen at start-up.

/** Structured fields attached to a log line; never put secret values here. */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** What every part of the supervisor logs through. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `concern` (and any other fixed fields) to every line. */
  child(fields: LogFields): Logger;
}

/** A logger that drops everything (tests, `berth validate`). */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
