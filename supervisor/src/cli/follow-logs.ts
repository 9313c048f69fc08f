// `berth logs -f`: subscribe to /events first, then print the tail, then the lines that arrived
// meanwhile (minus those already in the tail), then live lines. The client core resumes a dropped
// stream from the last event id; the command ends with 0 when the supervisor stops or on Ctrl-C,
// and with SUPERVISOR_NOT_RUNNING when the stream cannot be reopened.
import type { ControlClient } from '../control/client/index.ts';
import { linesOf, type LogLine } from '../control/contract.ts';
import { BerthError } from '../errors.ts';

/** Failed reconnections in a row before giving up, and the ceiling of the delay between them. */
const MAX_RECONNECTS = 5;
const MAX_RECONNECT_DELAY_MS = 1_000;

const keyOf = (line: LogLine) => `${line.service}\0${line.stream}\0${line.at}\0${line.line}`;

/** Follows one service's (or every service's) output until the supervisor stops; returns the exit code. */
export async function followLogs(client: ControlClient, service: string | null, lines: number, print: (line: LogLine) => void): Promise<number> {
  const buffered: LogLine[] = [];
  let live = false;
  let opened = false;
  let failures = 0;
  const open = Promise.withResolvers<undefined>();
  const done = Promise.withResolvers<number>();
  const unsubscribe = client.subscribe(
    {
      onOpen: () => {
        opened = true;
        failures = 0;
        open.resolve(undefined);
      },
      onEvent: (event) => {
        if (event.type === 'supervisor' && event.state === 'stopped') return done.resolve(0);
        if (event.type !== 'log' || (service !== null && event.service !== service)) return;
        for (const line of linesOf(event)) {
          if (live) print(line);
          else buffered.push(line);
        }
      },
      onError: (error) => {
        // The first connection's failure is the answer (UNAUTHORIZED, unreachable…); later ones are retried.
        if (!opened) done.reject(error);
        else if (++failures > MAX_RECONNECTS) done.reject(new BerthError('SUPERVISOR_NOT_RUNNING', 'Lost the connection to the supervisor.', { cause: error }));
      },
    },
    { maxRetryMs: MAX_RECONNECT_DELAY_MS },
  );
  const onSigint = () => done.resolve(0);
  process.once('SIGINT', onSigint);
  try {
    await Promise.race([open.promise, done.promise]);
    if (opened) {
      // The tail also checks the service name (SERVICE_UNKNOWN → exit 2), even for -n 0.
      const tail = (await client.tailLogs(service, Math.max(lines, 1))).lines.slice(lines === 0 ? 1 : 0);
      tail.forEach(print);
      const seen = new Set(tail.map(keyOf));
      for (const line of buffered) if (!seen.has(keyOf(line))) print(line);
      live = true;
    }
    return await done.promise;
  } finally {
    unsubscribe();
    process.off('SIGINT', onSigint);
  }
}
