// How the CLI shows a failure: the message, its details one per line, and the exit code (2 for
// invalid input, 1 otherwise). Never a stack trace for an expected error.
import { BerthError, exitCodeFor, messageOf } from '../errors.ts';

/** Prints `error` to stderr and returns the exit code to use. */
export function reportError(error: unknown, stderr: NodeJS.WritableStream = process.stderr): 1 | 2 {
  const lines = [`berth: ${messageOf(error)}`];
  if (error instanceof BerthError) lines.push(...error.details.map((detail) => `  ${detail}`));
  else if (error instanceof Error && error.stack !== undefined && process.env.BERTH_DEBUG === '1') lines.push(error.stack);
  stderr.write(`${lines.join('\n')}\n`);
  return exitCodeFor(error);
}
