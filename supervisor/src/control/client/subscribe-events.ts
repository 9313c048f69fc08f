// A live /events subscription that outlives drops: after the stream ends or fails it reconnects
// with a growing delay (starting from the server's `retry:` when it sent one), resuming after the
// last event id it saw, until the returned function is called.
import type { EventSubscriber, Unsubscribe } from '../contract.ts';
import { ControlClientError, UNREACHABLE } from './client-error.ts';
import { readEventStream, type EventStreamHandlers } from './read-event-stream.ts';
import type { Transport } from './transport.ts';

/** What a subscription reports: the contract's EventSubscriber, plus each (re)opening of the stream. */
export type SubscriptionHandlers = EventSubscriber & Pick<EventStreamHandlers, 'onOpen'>;

/** Reconnection timing and the resume point of a subscription. */
export interface SubscribeOptions {
  /** First reconnection delay until the server sends `retry:`; doubles with each failure in a row. */
  retryMs?: number;
  /** Ceiling of that delay. */
  maxRetryMs?: number;
  /** Resume after this id from the first connection on. */
  lastEventId?: number;
}

/** Subscribes to /events until the returned function is called (which aborts the open request). */
export function subscribeEvents(transport: Transport, handlers: SubscriptionHandlers, options: SubscribeOptions = {}): Unsubscribe {
  const abort = new AbortController();
  const maxRetryMs = options.maxRetryMs ?? 10_000;
  let baseRetryMs = options.retryMs ?? 500;
  let lastEventId = options.lastEventId ?? null;
  let failures = 0;
  const connection: EventStreamHandlers = {
    onOpen: () => {
      failures = 0;
      handlers.onOpen?.();
    },
    onEvent: (event, id) => {
      if (id !== null) lastEventId = id;
      handlers.onEvent(event);
    },
    onResync: (resync) => handlers.onResync?.(resync),
    onRetry: (delayMs) => {
      baseRetryMs = delayMs;
    },
  };
  const run = async () => {
    while (!abort.signal.aborted) {
      let error: Error;
      try {
        await readEventStream(transport, connection, { lastEventId, signal: abort.signal });
        error = new ControlClientError(UNREACHABLE, 'The event stream ended.');
      } catch (cause) {
        error = cause instanceof Error ? cause : new ControlClientError(UNREACHABLE, String(cause));
      }
      if (abort.signal.aborted) return;
      handlers.onError?.(error);
      failures += 1;
      await sleep(Math.min(maxRetryMs, baseRetryMs * 2 ** (failures - 1)), abort.signal);
    }
  };
  void run();
  return () => abort.abort();
}

/** Waits `ms`, or less when `signal` aborts (no timer outlives the subscription). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
