// The supervisor's own log for one `berth run` (logs/supervisor.log through electron-log/node,
// see logging/supervisor-log.ts). Until the state dir is known, warnings and errors go to stderr
// (headless), or as server lines to stdout (server: its stderr carries only a fatal error), so
// nothing said before start-up is lost.
import type { RunConfig } from '../config/resolve-config.ts';
import type { LogFields, Logger } from '../logging/logger.ts';
import { createSupervisorLogger, formatSupervisorServerLine } from '../logging/supervisor-log.ts';

/** A logger whose file is opened once the state dir is known. */
export interface RunLogger {
  readonly logger: Logger;
  openFile(logsDir: string, redact: (text: string) => string): void;
}

/** Creates the run logger for a profile. */
export function createRunLogger(config: RunConfig): RunLogger {
  let target: Logger | null = null;
  const early = (level: string, message: string, fields: LogFields) => {
    if (config.profile === 'desktop' || (level !== 'warn' && level !== 'error')) return;
    if (config.profile === 'server') process.stdout.write(`${formatSupervisorServerLine(level, message, fields, new Date(), process.pid)}\n`);
    else process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, pid: process.pid, msg: message, ...fields })}\n`);
  };
  const make = (base: LogFields): Logger => ({
    debug: (message, fields) => (target ?? null)?.debug(message, { ...base, ...fields }),
    info: (message, fields) => (target === null ? early('info', message, { ...base, ...fields }) : target.info(message, { ...base, ...fields })),
    warn: (message, fields) => (target === null ? early('warn', message, { ...base, ...fields }) : target.warn(message, { ...base, ...fields })),
    error: (message, fields) => (target === null ? early('error', message, { ...base, ...fields }) : target.error(message, { ...base, ...fields })),
    child: (fields) => make({ ...base, ...fields }),
  });
  return {
    logger: make({}),
    openFile(logsDir, redact) {
      target = createSupervisorLogger({ logsDir, profile: config.profile, redact });
    },
  };
}
