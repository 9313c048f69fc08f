// Services log JSON lines on stdout (the supervisor keeps one log file per service): one object
// per line with time, level, service, pid and a message. Nothing secret is ever passed in here.

/** Log levels, least to most severe. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A logger bound to one service name. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Makes a logger that writes JSON lines tagged with `service` to stdout (errors to stderr). */
export function createLogger(service: string): Logger {
  const write = (level: LogLevel, message: string, fields: Record<string, unknown> = {}): void => {
    const line = JSON.stringify({ time: new Date().toISOString(), level, service, pid: process.pid, msg: message, ...fields });
    (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

/** A short description of any thrown value, for logs. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
