// GET /events as Server-Sent Events over a fetch stream (eventsource-parser), with reconnection
// and Last-Event-ID, so main holds one live subscription per supervisor.
import { createParser } from 'eventsource-parser';
import { RuntimeEvent, type Unsubscribe } from '../../../supervisor/src/control/contract.ts';
import { ShellError, messageOf } from '../../ipc/errors.ts';

/** Options of subscribeEvents. */
export interface EventStreamOptions {
  url: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
  onEvent: (event: RuntimeEvent) => void;
  onError?: (error: Error) => void;
  /** First reconnection delay; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

/** Subscribes to the event stream until the returned function is called. */
export function subscribeEvents(options: EventStreamOptions): Unsubscribe {
  const abort = new AbortController();
  const baseRetryMs = options.retryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 5_000;
  let lastEventId: string | undefined;
  let retryMs = baseRetryMs;

  const connect = async (): Promise<void> => {
    const response = await options.fetch(options.url, {
      headers: { ...options.headers, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      signal: abort.signal,
    });
    if (!response.ok || !response.body) throw new ShellError('CONTROL_REQUEST_FAILED', `GET /events answered HTTP ${response.status}`);
    retryMs = baseRetryMs;
    const parser = createParser({
      onEvent: (message) => {
        if (message.id) lastEventId = message.id;
        let json: unknown;
        try {
          json = JSON.parse(message.data);
        } catch {
          return;
        }
        const parsed = RuntimeEvent.safeParse(json);
        if (parsed.success) options.onEvent(parsed.data);
      },
      onRetry: (ms) => {
        retryMs = ms;
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    throw new ShellError('CONTROL_REQUEST_FAILED', 'The event stream ended');
  };

  const loop = async () => {
    while (!abort.signal.aborted) {
      try {
        await connect();
      } catch (error) {
        if (abort.signal.aborted) return;
        options.onError?.(error instanceof ShellError ? error : new ShellError('CONTROL_REQUEST_FAILED', `Event stream dropped: ${messageOf(error)}`, { cause: error }));
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, retryMs);
        abort.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
      });
      retryMs = Math.min(maxRetryMs, retryMs * 2);
    }
  };
  void loop();
  return () => abort.abort();
}
