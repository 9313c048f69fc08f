// GET /events against a real server: ids and data per event, heartbeats, resume after a
// disconnect (Last-Event-ID and ?lastEventId=), the resync event when the buffer no longer
// reaches back, and close() ending open streams.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResyncEvent, RuntimeEvent } from '../supervisor/src/control/contract.ts';
import { startControlServer, type ControlServer } from '../supervisor/src/control/index.ts';
import { readEventStream } from '../supervisor/src/control/client/read-event-stream.ts';
import type { Transport } from '../supervisor/src/control/client/index.ts';
import { silentLogger } from '../supervisor/src/logging/logger.ts';
import { createFakeRuntime, type FakeRuntime } from './helpers/control-fake-runtime.ts';
import { rawRequest } from './helpers/control-http.ts';

let runtime: FakeRuntime;
let server: ControlServer;
let transport: Transport;

beforeEach(async () => {
  runtime = createFakeRuntime({ bufferSize: 20 });
  server = await startControlServer({ runtime, logger: silentLogger, port: 0, heartbeatMs: 40 });
  transport = { baseUrl: server.url, auth: { kind: 'bearer', token: server.token } };
});
afterEach(async () => {
  await server.close();
});

const logEvent = (n: number): RuntimeEvent => ({ type: 'log', service: 'api', stream: 'stdout', line: `line ${n}`, at: '2026-01-01T00:00:00.000Z' });

/** Opens one stream and collects what arrives until `until` says stop. */
async function collect(options: { lastEventId?: number; until: (ids: number[]) => boolean; onOpen?: () => void }) {
  const controller = new AbortController();
  const ids: number[] = [];
  const lines: string[] = [];
  const resyncs: ResyncEvent[] = [];
  await readEventStream(
    transport,
    {
      onOpen: () => options.onOpen?.(),
      onResync: (resync) => resyncs.push(resync),
      onEvent: (event, id) => {
        if (id !== null) ids.push(id);
        if (event.type === 'log') lines.push(event.line);
        if (options.until(ids)) controller.abort();
      },
    },
    { lastEventId: options.lastEventId ?? null, signal: controller.signal },
  );
  return { ids, lines, resyncs, lastId: ids.at(-1) };
}

/** The raw text of one /events stream (its query included) until `until` says stop. */
async function readRaw(pathAndQuery: string, until: (text: string) => boolean): Promise<string> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}${pathAndQuery}`, { headers: { authorization: `Bearer ${server.token}` }, signal: controller.signal });
  let text = '';
  for await (const chunk of response.body ?? []) {
    text += Buffer.from(chunk).toString('utf8');
    if (until(text)) break;
  }
  controller.abort();
  return text;
}

describe('GET /events', () => {
  it('sends each event with its id, live', async () => {
    const result = await collect({ until: (ids) => ids.length === 3, onOpen: () => [1, 2, 3].forEach((n) => runtime.events.publish(logEvent(n))) });
    expect(result.ids).toEqual([1, 2, 3]);
    expect(result.lines).toEqual(['line 1', 'line 2', 'line 3']);
    expect(result.lastId).toBe(3);
  });

  it('resumes after a disconnect from Last-Event-ID without loss or duplicates', async () => {
    const first = await collect({ until: (ids) => ids.length === 2, onOpen: () => [1, 2].forEach((n) => runtime.events.publish(logEvent(n))) });
    expect(first.ids).toEqual([1, 2]);
    [3, 4, 5].forEach((n) => runtime.events.publish(logEvent(n)));
    const second = await collect({ lastEventId: first.lastId, until: (ids) => ids.length === 4, onOpen: () => runtime.events.publish(logEvent(6)) });
    expect(second.ids).toEqual([3, 4, 5, 6]);
    expect(second.resyncs).toEqual([]);
  });

  it('resumes from ?lastEventId= too', async () => {
    [1, 2, 3].forEach((n) => runtime.events.publish(logEvent(n)));
    const reply = await readRaw('/events?lastEventId=1', (text) => text.includes('id: 3'));
    expect(reply).toContain('id: 2\ndata: {"type":"log"');
    expect(reply).not.toContain('id: 1\n');
  });

  it('sends a resync event when the buffer no longer reaches back', async () => {
    for (let n = 1; n <= 50; n++) runtime.events.publish(logEvent(n));
    const result = await collect({ lastEventId: 5, until: (ids) => ids.at(-1) === 50 });
    expect(result.resyncs).toEqual([{ type: 'resync', lastEventId: 5, oldestEventId: 31 }]);
    expect(result.ids[0]).toBe(31);
    expect(result.ids).toHaveLength(20);
  });

  it('sends a resync event for an id from an earlier run', async () => {
    const result = await collect({ lastEventId: 999, until: (ids) => ids.length === 1, onOpen: () => runtime.events.publish(logEvent(1)) });
    expect(result.resyncs).toHaveLength(1);
    expect(result.ids).toEqual([1]);
  });

  it('sends heartbeat comments', async () => {
    const reply = await readRaw('/events', (text) => text.split(': heartbeat\n').length > 2);
    expect(reply.split(': heartbeat\n').length).toBeGreaterThan(2);
  });

  it('ends open streams on close()', async () => {
    const done = readEventStream(transport, { onEvent: () => undefined, onOpen: () => void server.close() }, { signal: new AbortController().signal });
    await expect(done).resolves.toBeUndefined();
  });

  it('needs the token', async () => {
    const reply = await rawRequest(server.port, { path: '/events' });
    expect(reply.status).toBe(401);
  });
});
