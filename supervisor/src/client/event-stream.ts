// Reads GET /events over a fetch stream with eventsource-parser (Node has no EventSource): each
// `message` is a RuntimeEvent with its sequence id; a `resync` event means events were lost.
import { createParser } from 'eventsource-parser';
import { ROUTES, ResyncEvent, RuntimeEvent, SSE_RESYNC_EVENT } from '../control/contract.ts';
import { BerthError } from '../errors.ts';
import type { ControlClient } from './control-client.ts';

/** Callbacks and resume point of one stream. */
export interface EventStreamOptions {
  onEvent: (event: RuntimeEvent, id: number) => void;
  onResync?: (resync: ResyncEvent) => void;
  onComment?: (comment: string) => void;
  lastEventId?: number;
  signal?: AbortSignal;
}

/** Reads one /events connection until it ends (or `signal` aborts); returns the last id seen. */
export async function readEventStream(client: ControlClient, options: EventStreamOptions): Promise<number | undefined> {
  let lastId = options.lastEventId;
  const headers = client.headers({ accept: 'text/event-stream', ...(lastId === undefined ? {} : { 'last-event-id': String(lastId) }) });
  let response: Response;
  try {
    response = await fetch(`${client.url}${ROUTES.events.path}`, { headers, ...(options.signal === undefined ? {} : { signal: options.signal }) });
  } catch (cause) {
    if (options.signal?.aborted === true) return lastId;
    throw new BerthError('SUPERVISOR_NOT_RUNNING', `No supervisor answers at ${client.url}.`, { cause });
  }
  if (!response.ok || response.body === null) throw new BerthError('CONTROL_REQUEST_FAILED', `GET /events answered HTTP ${response.status}.`);
  const parser = createParser({
    onEvent: (message) => {
      const data = safeJson(message.data);
      if (message.event === SSE_RESYNC_EVENT) {
        const resync = ResyncEvent.safeParse(data);
        if (resync.success) options.onResync?.(resync.data);
        return;
      }
      const event = RuntimeEvent.safeParse(data);
      if (!event.success) return;
      const id = Number(message.id);
      if (Number.isInteger(id)) lastId = id;
      options.onEvent(event.data, id);
    },
    onComment: (comment) => options.onComment?.(comment),
  });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of response.body) parser.feed(decoder.decode(chunk, { stream: true }));
  } catch (error) {
    if (options.signal?.aborted !== true) throw new BerthError('SUPERVISOR_NOT_RUNNING', 'The event stream dropped.', { cause: error });
  }
  return lastId;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
