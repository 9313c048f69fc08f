// The common `main()` of every service: run it, and turn a configuration error or a crash into
// one clear log line and an exit code (2 for bad configuration, 1 for anything else).
import { ConfigError } from './env.ts';
import { createLogger, describeError } from './log.ts';

/** Runs `start`; logs and exits if it throws, and if anything later escapes as uncaught. */
export function runMain(service: string, start: () => Promise<unknown>): void {
  const logger = createLogger(service);
  process.on('uncaughtException', (error) => {
    logger.error('uncaught exception', { error: describeError(error) });
    process.exit(1);
  });
  process.on('unhandledRejection', (error) => {
    logger.error('unhandled rejection', { error: describeError(error) });
    process.exit(1);
  });
  start().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      logger.error('invalid configuration', { problems: error.problems });
      process.exit(2);
    }
    logger.error('failed to start', { error: describeError(error) });
    process.exit(1);
  });
}
