// How the CLI shows a failure: the message, its details one per line, and the exit code (2 for
// invalid input, 1 otherwise). Never a stack trace for an expected error. The server profile
// writes it as one JSON line (logging/server-line.ts, level "fatal") for log shippers.
import { BerthError, exitCodeFor, messageOf } from '../errors.ts';
import { formatServerLine } from '../logging/server-line.ts';

/** Prints `error` to stderr (`json`: as one server line) and returns the exit code to use. */
export function reportError(error: unknown, stderr: NodeJS.WritableStream = process.stderr, format: 'text' | 'json' = 'text'): 1 | 2 {
  if (format === 'json') {
    const details = error instanceof BerthError ? error.details : [];
    const code = error instanceof BerthError ? error.code : 'INTERNAL';
    stderr.write(`${formatServerLine({ time: new Date().toISOString(), level: 'fatal', service: null, stream: 'supervisor', msg: `berth: ${messageOf(error)}`, code, exitCode: exitCodeFor(error), details })}\n`);
    return exitCodeFor(error);
  }
  const lines = [`berth: ${messageOf(error)}`];
  if (error instanceof BerthError) lines.push(...error.details.map((detail) => `  ${detail}`));
  else if (error instanceof Error && error.stack !== undefined && process.env.BERTH_DEBUG === '1') lines.push(error.stack);
  stderr.write(`${lines.join('\n')}\n`);
  return exitCodeFor(error);
}
