// GET /events: Server-Sent Events of the runtime's EventBus. Each event is `id: <seq>` +
// `data: <RuntimeEvent JSON>`; a comment every heartbeatMs keeps proxies and clients awake.
// Resume: `Last-Event-ID` (or `?lastEventId=`) replays what the bounded buffer still holds; when
// it no longer reaches back, a named `resync` event (contract ResyncEvent) tells the client to
// refetch /status (likewise for an id newer than any we issued: a previous run's). A client
// that stops reading is dropped (it can resume from its last id).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventBus, SequencedEvent } from '../events/index.ts';
import type { ResyncEvent } from './contract.ts';
import { SSE_RESYNC_EVENT } from './contract-core.ts';
import { BASE_HEADERS } from './http-errors.ts';

/** Unsent bytes past which a slow subscriber is disconnected. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Options of one event stream. */
export interface EventStreamOptions {
  bus: EventBus;
  heartbeatMs: number;
  query: URLSearchParams;
}

/** The id a reconnecting client last saw, or null for a fresh subscription. */
export function lastEventIdOf(req: IncomingMessage, query: URLSearchParams): number | null {
  const raw = req.headers['last-event-id'] ?? query.get('lastEventId');
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

/** Serves one SSE stream until the client leaves or the server closes; returns a closer. */
export function serveEventStream(req: IncomingMessage, res: ServerResponse, options: EventStreamOptions): () => void {
  const { bus } = options;
  res.writeHead(200, { ...BASE_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.write(': berth events\nretry: 1000\n\n');
  let lastSent = 0;
  let closed = false;
  const send = (item: SequencedEvent) => {
    if (closed || item.id <= lastSent) return;
    lastSent = item.id;
    res.write(`id: ${item.id}\ndata: ${JSON.stringify(item.event)}\n\n`);
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      close();
      res.destroy();
    }
  };
  const lastId = lastEventIdOf(req, options.query);
  // since() and subscribe() run in the same tick: no event can slip between replay and live.
  const replay = lastId === null ? null : bus.since(lastId);
  const unsubscribe = bus.subscribe(send);
  if (lastId !== null && replay !== null) {
    // An id from the future is from an earlier supervisor run (ids restart at 1): also a resync.
    if (!replay.complete || lastId > bus.lastId) {
      const resync: ResyncEvent = { type: 'resync', lastEventId: lastId, oldestEventId: replay.events[0]?.id ?? bus.lastId + 1 };
      res.write(`event: ${SSE_RESYNC_EVENT}\ndata: ${JSON.stringify(resync)}\n\n`);
    }
    for (const item of replay.events) send(item);
  }
  const heartbeat = setInterval(() => {
    if (!closed) res.write(': heartbeat\n\n');
  }, options.heartbeatMs);
  heartbeat.unref();
  function close(): void {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    res.end();
  }
  req.on('close', close);
  res.on('close', close);
  return close;
}
