// One connection to GET /events, read as Server-Sent Events over a fetch stream with
// eventsource-parser: the same code in Node, Electron main and Chromium (Node has no
// EventSource, and EventSource can neither send a bearer header nor tell a 401 from a drop).
// Each `message` is a RuntimeEvent with its sequence id; the named `resync` event means events
// were lost.
import { createParser } from 'eventsource-parser';
import { ROUTES, ResyncEvent, RuntimeEvent, SSE_RESYNC_EVENT } from '../contract.ts';
import { parseJson, readErrorReply, transportError } from './request-json.ts';
import { send, type Transport } from './transport.ts';

/** What one connection reports, as it happens. */
export interface EventStreamHandlers {
  /** The stream is open: the supervisor has subscribed this client (nothing published since is missed). */
  onOpen?(): void;
  /** One runtime event and its id (the Last-Event-ID to resume after). */
  onEvent(event: RuntimeEvent, id: number | null): void;
  /** Events were lost (the replay buffer no longer reaches back, or the ids are a previous run's). */
  onResync?(resync: ResyncEvent): void;
  /** The server asked for this reconnection delay (`retry:`). */
  onRetry?(delayMs: number): void;
}

/**
 * Reads /events (resuming after `lastEventId` when given) until the server ends the stream or
 * `signal` aborts; resolves then. Rejects with a ControlClientError when there is no stream:
 * no answer, an error status (the API's code), or a drop mid-stream.
 */
export async function readEventStream(transport: Transport, handlers: EventStreamHandlers, options: { lastEventId?: number | null; signal: AbortSignal }): Promise<void> {
  const what = `GET ${ROUTES.events.path}`;
  const { lastEventId, signal } = options;
  let response: Response;
  try {
    response = await send(transport, ROUTES.events.path, {
      method: 'GET',
      headers: { accept: 'text/event-stream', ...(lastEventId === undefined || lastEventId === null ? {} : { 'last-event-id': String(lastEventId) }) },
      signal,
    });
  } catch (cause) {
    if (signal.aborted) return;
    throw transportError(what, cause);
  }
  if (!response.ok || response.body === null) throw await readErrorReply(what, response);
  handlers.onOpen?.();
  const parser = createParser({
    onEvent: (message) => {
      // One chunk may hold several events: none is delivered once the caller has stopped.
      if (signal.aborted) return;
      const data = parseJson(message.data);
      if (message.event === SSE_RESYNC_EVENT) {
        const resync = ResyncEvent.safeParse(data);
        if (resync.success) handlers.onResync?.(resync.data);
        return;
      }
      // Unknown or malformed events are skipped, not fatal: a newer supervisor may send more kinds.
      const event = RuntimeEvent.safeParse(data);
      const id = message.id !== undefined && /^\d{1,15}$/.test(message.id) ? Number(message.id) : null;
      if (event.success) handlers.onEvent(event.data, id);
    },
    onRetry: (delayMs) => handlers.onRetry?.(delayMs),
  });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (cause) {
        if (signal.aborted) return;
        throw transportError(what, cause);
      }
      if (chunk.done) return;
      parser.feed(decoder.decode(chunk.value, { stream: true }));
    }
  } finally {
    // However this ends (a handler may throw), the response is let go, never left open.
    reader.cancel().catch(() => undefined);
  }
}
