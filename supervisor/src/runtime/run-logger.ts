// The supervisor's own log for one `berth run`: JSON lines; warnings and errors also go to
// stderr in the headless profile so a person sees them. (Backed by electron-log/node once the
// logs folder is known: see logging/supervisor-log.ts.)
import type { RunConfig } from '../config/resolve-config.ts';
import type { LogFields, Logger } from '../logging/logger.ts';

/** A logger whose file is opened once the state dir is known. */
export interface RunLogger {
  readonly logger: Logger;
  openFile(logsDir: string): void;
  close(): Promise<void>;
}

/** Creates the run logger for a profile. */
export function createRunLogger(config: RunConfig): RunLogger {
  const toStderr = config.profile !== 'desktop';
  const make = (base: LogFields): Logger => {
    const write = (level: string, message: string, fields?: LogFields) => {
      if (!toStderr || (level !== 'warn' && level !== 'error')) return;
      process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, pid: process.pid, msg: message, ...base, ...fields })}\n`);
    };
    return {
      debug: (message, fields) => write('debug', message, fields),
      info: (message, fields) => write('info', message, fields),
      warn: (message, fields) => write('warn', message, fields),
      error: (message, fields) => write('error', message, fields),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return { logger: make({}), openFile: () => undefined, close: async () => undefined };
}
