// The client core's /events subscription against a real SSE server: events parsed (junk
// skipped), a drop resumed with Last-Event-ID, the named resync event delivered, `retry:`
// honoured, a growing delay while the server refuses, and unsubscribe closing everything.
import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replyJson, startScriptedServer, startSse, type ScriptedServer } from '../../../../test/helpers/scripted-http-server.ts';
import type { ResyncEvent, RuntimeEvent } from '../contract.ts';
import { createControlClient } from './control-client.ts';
import type { SubscribeOptions } from './subscribe-events.ts';

const log = (line: string): RuntimeEvent => ({ type: 'log', service: 'api', stream: 'stdout', line, at: '2026-01-01T00:00:00.000Z' });
const frame = (id: number, event: RuntimeEvent) => `id: ${id}\ndata: ${JSON.stringify(event)}\n\n`;

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer();
});
afterEach(() => server.close());

/** Subscribes with the bearer transport and records everything the subscription reports. */
function subscribe(options: SubscribeOptions = {}) {
  const seen = { events: [] as RuntimeEvent[], resyncs: [] as ResyncEvent[], errors: [] as Error[], opens: 0 };
  const client = createControlClient({ baseUrl: server.url, auth: { kind: 'bearer', token: 'tok' } });
  const unsubscribe = client.subscribe(
    { onOpen: () => seen.opens++, onEvent: (event) => seen.events.push(event), onResync: (resync) => seen.resyncs.push(resync), onError: (error) => seen.errors.push(error) },
    options,
  );
  return { seen, unsubscribe };
}

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('subscribeEvents', () => {
  it('delivers events, skips junk, resumes after a drop with Last-Event-ID and delivers resync', async () => {
    server.handle = (_req, res, index) => {
      startSse(res);
      if (index === 0) {
        res.write(`retry: 20\n\n${frame(1, log('one'))}data: not json\n\n${frame(2, { type: 'nope' } as unknown as RuntimeEvent)}${frame(3, log('three'))}`);
        setTimeout(() => res.destroy(), 20);
        return;
      }
      const resync: ResyncEvent = { type: 'resync', lastEventId: 3, oldestEventId: 10 };
      res.write(`event: resync\ndata: ${JSON.stringify(resync)}\n\n${frame(10, log('ten'))}`);
    };
    const { seen, unsubscribe } = subscribe({ retryMs: 5_000 });
    try {
      await until(() => seen.events.length === 3, 'three events');
      expect(seen.events.map((event) => (event.type === 'log' ? event.line : event.type))).toEqual(['one', 'three', 'ten']);
      expect(seen.resyncs).toEqual([{ type: 'resync', lastEventId: 3, oldestEventId: 10 }]);
      expect(seen.errors).toHaveLength(1);
      expect(seen.errors[0]).toMatchObject({ code: 'UNREACHABLE' });
      expect(seen.opens).toBe(2);
      expect(server.requests.map((request) => request.headers['last-event-id'])).toEqual([undefined, '3']);
      expect(server.requests[0]?.headers).toMatchObject({ authorization: 'Bearer tok', accept: 'text/event-stream' });
    } finally {
      unsubscribe();
    }
  });

  it('starts from options.lastEventId', async () => {
    server.handle = (_req, res) => startSse(res);
    const { seen, unsubscribe } = subscribe({ lastEventId: 41 });
    await until(() => seen.opens === 1, 'open');
    unsubscribe();
    expect(server.requests[0]?.headers['last-event-id']).toBe('41');
  });

  it("honours the server's retry: over its own first delay", async () => {
    server.handle = (_req, res, index) => {
      startSse(res);
      if (index === 0) res.end('retry: 60\n\n');
    };
    const { seen, unsubscribe } = subscribe({ retryMs: 10_000 });
    try {
      await until(() => server.requests.length === 2, 'a reconnection');
      const gapMs = (server.requests[1]?.atMs ?? 0) - (server.requests[0]?.atMs ?? 0);
      expect(gapMs).toBeGreaterThanOrEqual(55);
      expect(gapMs).toBeLessThan(5_000);
      expect(seen.errors[0]?.message).toContain('ended');
    } finally {
      unsubscribe();
    }
  });

  it('waits longer after each refusal, up to the ceiling, and reports the API code', async () => {
    server.handle = (_req, res: ServerResponse) => replyJson(res, 503, { error: { code: 'INTERNAL', message: 'not now' } });
    const { seen, unsubscribe } = subscribe({ retryMs: 20, maxRetryMs: 80 });
    try {
      await until(() => server.requests.length === 5, 'five attempts');
    } finally {
      unsubscribe();
    }
    const gaps = server.requests.slice(1).map((request, i) => request.atMs - (server.requests[i]?.atMs ?? 0));
    // Timers never fire early; lower bounds only, so a loaded machine cannot fail this.
    [20, 40, 80, 80].forEach((minimumMs, i) => expect(gaps[i]).toBeGreaterThanOrEqual(minimumMs - 2));
    expect(seen.errors[0]).toMatchObject({ code: 'INTERNAL', status: 503, message: 'not now' });
    expect(seen.opens).toBe(0);
  });

  it('reports UNREACHABLE while nothing listens, and keeps trying', async () => {
    await server.close();
    const { seen, unsubscribe } = subscribe({ retryMs: 10, maxRetryMs: 10 });
    try {
      await until(() => seen.errors.length >= 2, 'two errors');
      expect(seen.errors[0]).toMatchObject({ code: 'UNREACHABLE', status: null });
    } finally {
      unsubscribe();
    }
  });

  it('unsubscribe closes the open stream, delivers nothing more and never reconnects', async () => {
    let unsubscribeNow: () => void = () => undefined;
    server.handle = (_req, res) => {
      startSse(res);
      // One chunk, two events: the first makes the subscriber stop; the second must not arrive.
      res.write(`${frame(1, log('stop here'))}${frame(2, log('too late'))}`);
    };
    const seen: RuntimeEvent[] = [];
    const client = createControlClient({ baseUrl: server.url, auth: { kind: 'bearer', token: 'tok' } });
    const unsubscribe = client.subscribe({ onEvent: (event) => {
      seen.push(event);
      unsubscribeNow();
    } }, { retryMs: 10 });
    unsubscribeNow = unsubscribe;
    await until(() => seen.length >= 1, 'the first event');
    await server.requests[0]?.closed;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
    expect(server.openSockets()).toBe(0);
  });

  it('a handler that throws is reported, its connection closed, and the stream resumed after that event', async () => {
    server.handle = (_req, res, index) => {
      startSse(res);
      res.write(index === 0 ? frame(1, log('throws')) : frame(2, log('after')));
    };
    const seen: string[] = [];
    const errors: Error[] = [];
    const client = createControlClient({ baseUrl: server.url, auth: { kind: 'bearer', token: 'tok' } });
    const unsubscribe = client.subscribe(
      {
        onEvent: (event) => {
          if (event.type === 'log') seen.push(event.line);
          if (seen.length === 1) throw new Error('listener bug');
        },
        onError: (error) => errors.push(error),
      },
      { retryMs: 10 },
    );
    try {
      await until(() => seen.length === 2, 'the event after the throw');
      let firstClosed = false;
      void server.requests[0]?.closed.then(() => (firstClosed = true));
      await until(() => firstClosed, 'the first connection to close');
      expect(errors.map((error) => error.message)).toEqual(['listener bug']);
      expect(server.requests[1]?.headers['last-event-id']).toBe('1');
    } finally {
      unsubscribe();
    }
  });

  it('unsubscribe during the reconnection delay cancels the next attempt', async () => {
    server.handle = (_req, res: ServerResponse) => replyJson(res, 503, { error: { code: 'INTERNAL', message: 'not now' } });
    const { seen, unsubscribe } = subscribe({ retryMs: 50 });
    await until(() => seen.errors.length === 1, 'the first refusal');
    unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.requests).toHaveLength(1);
  });
});
