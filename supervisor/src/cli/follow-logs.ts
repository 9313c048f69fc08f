// `berth logs -f`: subscribe to /events first, then print the tail, then the lines that arrived
// meanwhile (minus those already in the tail), then live lines. A dropped stream is resumed
// from the last event id; the command ends with 0 when the supervisor stops or on Ctrl-C.
import { readEventStream, type ControlClient } from '../client/index.ts';
import { linesOf, type LogLine, type RuntimeEvent } from '../control/contract.ts';
import { BerthError } from '../errors.ts';

const RECONNECT_DELAY_MS = 500;
const MAX_RECONNECTS = 10;

const keyOf = (line: LogLine) => `${line.service}\0${line.stream}\0${line.at}\0${line.line}`;

/** Follows one service's (or every service's) output until the supervisor stops; returns the exit code. */
export async function followLogs(client: ControlClient, service: string | null, lines: number, print: (line: LogLine) => void): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const buffered: LogLine[] = [];
  let live = false;
  let stopped = false;
  let lastEventId: number | undefined;
  let failures = 0;
  let connected: () => void = () => undefined;
  const open = new Promise<void>((resolve) => (connected = resolve));
  const onEvent = (event: RuntimeEvent, id: number) => {
    lastEventId = id;
    if (event.type === 'supervisor' && event.state === 'stopped') {
      stopped = true;
      controller.abort();
      return;
    }
    if (event.type !== 'log' || (service !== null && event.service !== service)) return;
    for (const line of linesOf(event)) {
      if (live) print(line);
      else buffered.push(line);
    }
  };
  const connect = () =>
    readEventStream(client, {
      onEvent,
      onComment: () => {
        failures = 0;
        connected();
      },
      signal: controller.signal,
      ...(lastEventId === undefined ? {} : { lastEventId }),
    });
  try {
    let stream = connect();
    await Promise.race([open, stream]);
    // The tail also checks the service name (SERVICE_UNKNOWN → exit 2), even for -n 0.
    const tail = (await client.tailLogs(service, Math.max(lines, 1))).lines.slice(lines === 0 ? 1 : 0);
    tail.forEach(print);
    const seen = new Set(tail.map(keyOf));
    for (const line of buffered) if (!seen.has(keyOf(line))) print(line);
    live = true;
    for (;;) {
      await stream.catch(() => undefined);
      if (controller.signal.aborted || stopped) return 0;
      if (++failures > MAX_RECONNECTS) throw new BerthError('SUPERVISOR_NOT_RUNNING', 'Lost the connection to the supervisor.');
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
      stream = connect();
    }
  } finally {
    controller.abort();
    process.off('SIGINT', onSigint);
  }
}
