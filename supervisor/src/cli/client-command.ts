// What every client verb shares: `--state-dir` / `--bundle` to find the supervisor (through
// control.json), `--json`, and one way to end — output on stdout, errors through reportError
// (plus a JSON error body on stdout under --json), exit 0 / 1 / 2. The client and zod come from
// client-connection.ts, imported when a verb runs.
import type { Command } from 'commander';
// to-berth-error.ts alone (no zod), not the client concern's index: it loads at every CLI start.
import { toBerthError } from '../client/to-berth-error.ts';
import type { ControlClient } from '../control/client/index.ts';
import { BerthError, messageOf } from '../errors.ts';
import type { ClientOptions } from './client-connection.ts';
import { reportError } from './report-error.ts';

/** Adds --state-dir, --bundle and (for read verbs) --json to a client verb. */
export function addClientOptions(command: Command, withJson = true): Command {
  command
    .option('--state-dir <dir>', 'state dir of the supervisor (default: $BERTH_STATE_DIR, else the app\'s default)')
    .option('-b, --bundle <file>', 'bundle whose default state dir to use (default: $BERTH_BUNDLE, else ./bundle.json)');
  if (withJson) command.option('--json', 'print JSON instead of text');
  return command;
}

/** Writes one line to stdout. */
export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** Writes a value as one line of JSON. */
export function printJson(value: unknown): void {
  printLine(JSON.stringify(value));
}

/**
 * Runs a client verb: resolves the state dir, connects through control.json, calls `body`.
 * Failures print through reportError (and as `{"error":{code,message}}` on stdout with --json)
 * and set the exit code; success leaves it 0 unless `body` returns another code.
 */
export async function runClientCommand(rawOptions: unknown, body: (client: ControlClient, options: ClientOptions) => Promise<number | undefined>): Promise<void> {
  let json = false;
  try {
    const { connectWithOptions, parseClientOptions } = await import('./client-connection.ts');
    const options = parseClientOptions(rawOptions);
    json = options.json === true;
    const client = await connectWithOptions(options);
    const code = await body(client, options);
    if (typeof code === 'number') process.exitCode = code;
  } catch (caught) {
    const error = toBerthError(caught);
    if (json) printJson({ error: { code: error instanceof BerthError ? error.code : 'INTERNAL', message: messageOf(error) } });
    process.exitCode = reportError(error);
  }
}
