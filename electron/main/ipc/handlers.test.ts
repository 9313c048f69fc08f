import { runInNewContext } from 'node:vm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RuntimeClient, StatusResponse, UpdatesResponse } from '../../../supervisor/src/control/contract.ts';
import { EVENT_CHANNEL, EVENT_ERROR_CHANNEL, EVENT_RESYNC_CHANNEL, INVOKE_CHANNELS, INVOKE_METHODS } from '../../ipc/channels.ts';
import { createBerthApi } from '../../preload/api.ts';
import { installBerthInMainWorld, type RawBerthApi } from '../../preload/main-world.ts';
import { createRawBerthApi } from '../../preload/raw-api.ts';
import type { InvokeEventLike } from '../electron-api.ts';
import { registerIpcHandlers } from './handlers.ts';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

const status = { supervisor: { pid: 1 }, services: [] } as unknown as StatusResponse;
const updatesReply: UpdatesResponse = { state: 'idle', target: null, reason: null, backup: null, running: '1.0.0', current: '1.0.0', previous: null, knownGood: '1.0.0', versions: [], available: null, feed: false, checkedAt: null, lastError: null };
const client = {
  status: vi.fn(async () => status),
  tailLogs: vi.fn(async () => ({ lines: [] })),
  runs: vi.fn(async () => ({ runs: [] })),
  serviceAction: vi.fn(async () => { throw Object.assign(new Error('unknown service "x"'), { code: 'SERVICE_UNKNOWN' }); }),
  submitSecrets: vi.fn(async (values: Record<string, string>) => ({ accepted: Object.keys(values) })),
  validate: vi.fn(async () => ({ ok: true, problems: [] })),
  shutdown: vi.fn(async () => undefined),
  updates: vi.fn(async () => updatesReply),
  checkUpdates: vi.fn(async () => updatesReply),
  applyUpdate: vi.fn(async (version: string) => ({ ...updatesReply, state: 'deferred' as const, target: version })),
  subscribe: vi.fn(() => () => undefined),
} satisfies RuntimeClient;

const handlers = new Map<string, Handler>();
const ipcMain = { handle: (channel: string, handler: Handler) => void handlers.set(channel, handler), removeHandler: (channel: string) => void handlers.delete(channel) };
const ours: InvokeEventLike = { sender: { id: 7 }, senderFrame: { url: 'berth://app/index.html#/' } };
const rejected: string[] = [];

beforeEach(() => {
  vi.clearAllMocks();
  handlers.clear();
  rejected.length = 0;
  registerIpcHandlers({
    ipcMain,
    senders: { windowIds: () => [7], origins: () => ['berth://app'] },
    client: async () => client,
    onRejected: (channel, reason) => rejected.push(`${channel}: ${reason}`),
  });
});

const invoke = (channel: string, event: InvokeEventLike, ...args: unknown[]) => {
  const handler = handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, ...args);
};

describe('IPC handlers', () => {
  it('registers one channel per RuntimeClient method (subscribe is pushed)', () => {
    expect([...handlers.keys()].sort()).toEqual(INVOKE_METHODS.map((m) => INVOKE_CHANNELS[m]).sort());
    expect(INVOKE_METHODS).not.toContain('subscribe');
  });

  it('answers our window with an ok envelope', async () => {
    await expect(invoke(INVOKE_CHANNELS.status, ours)).resolves.toEqual({ ok: true, value: status });
    await expect(invoke(INVOKE_CHANNELS.tailLogs, ours, 'api', 100)).resolves.toEqual({ ok: true, value: { lines: [] } });
    expect(client.tailLogs).toHaveBeenCalledWith('api', 100);
  });

  it.each([
    ['another webContents', { sender: { id: 8 }, senderFrame: { url: 'berth://app/index.html' } }],
    ['the ui service origin in our window', { sender: { id: 7 }, senderFrame: { url: 'http://127.0.0.1:47800/' } }],
    ['a file:// page', { sender: { id: 7 }, senderFrame: { url: 'file:///etc/passwd' } }],
    ['a frame that is gone', { sender: { id: 7 }, senderFrame: null }],
  ])('refuses %s', async (_name, event: InvokeEventLike) => {
    await expect(invoke(INVOKE_CHANNELS.status, event)).resolves.toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } });
    expect(client.status).not.toHaveBeenCalled();
    expect(rejected).toEqual(['berth:status: untrusted sender']);
  });

  it.each([
    ['tailLogs', ['api']],
    ['tailLogs', ['api', -1]],
    ['tailLogs', ['../etc', 10]],
    ['tailLogs', [{ toString: 'x' }, 10]],
    ['runs', []],
    ['serviceAction', ['api', 'explode']],
    ['submitSecrets', [{ 'bad name': 'v' }]],
    ['submitSecrets', [{ OK: '' }]],
    ['submitSecrets', ['not an object']],
    ['status', ['extra']],
  ] as const)('rejects bad %s payload %j', async (method, args) => {
    const reply = await invoke(INVOKE_CHANNELS[method], ours, ...args);
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(client[method]).not.toHaveBeenCalled();
  });

  it('never echoes a secret value in a rejection', async () => {
    const reply = await invoke(INVOKE_CHANNELS.submitSecrets, ours, { TOKEN: 'x'.repeat(20_000) });
    expect(JSON.stringify(reply)).not.toContain('xxxxxxxx');
  });

  it('forwards errors from the supervisor as plain { code, message }', async () => {
    await expect(invoke(INVOKE_CHANNELS.serviceAction, ours, 'x', 'restart')).resolves.toEqual({ ok: false, error: { code: 'SERVICE_UNKNOWN', message: 'unknown service "x"' } });
  });
});

describe('preload API over the handlers', () => {
  const bridge = {
    invoke: (channel: string, ...args: unknown[]) => invoke(channel, ours, ...args),
    on: () => undefined,
    removeListener: () => undefined,
  };

  it('implements RuntimeClient and rebuilds errors with their code (preload world)', async () => {
    const api = createBerthApi(bridge);
    await expect(api.status()).resolves.toEqual(status);
    await expect(api.serviceAction('x', 'restart')).rejects.toMatchObject({ name: 'ShellError', code: 'SERVICE_UNKNOWN', message: 'unknown service "x"' });
    await expect(api.tailLogs('api', -5)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('installs a frozen window.berth whose Errors carry code (main world)', async () => {
    installBerthInMainWorld(createRawBerthApi(bridge));
    try {
      const berth = (globalThis as unknown as { berth: RuntimeClient }).berth;
      expect(Object.isFrozen(berth)).toBe(true);
      expect(Object.keys(berth).sort()).toEqual([...INVOKE_METHODS, 'subscribe'].sort());
      await expect(berth.submitSecrets({ KEY: 'v' })).resolves.toEqual({ accepted: ['KEY'] });
      const error = await berth.serviceAction('x', 'restart').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ name: 'BerthError', code: 'SERVICE_UNKNOWN' });
    } finally {
      Reflect.deleteProperty(globalThis, 'berth');
    }
  });

  it('delivers pushed events, resyncs and stream errors, and unsubscribes (both worlds)', () => {
    const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
    const port = {
      invoke: async () => ({ ok: true, value: null }),
      on: (channel: string, listener: (event: unknown, payload: unknown) => void) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
      removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => listeners.get(channel)?.delete(listener),
    };
    const push = (channel: string, payload: unknown) => {
      for (const listener of listeners.get(channel) ?? []) listener({}, payload);
    };
    // The main world's install runs from its source in a fresh global, as executeInMainWorld runs it.
    const mainWorld: { raw: RawBerthApi; berth?: RuntimeClient } = { raw: createRawBerthApi(port) };
    runInNewContext(`(${installBerthInMainWorld.toString()})(raw)`, mainWorld);
    for (const api of [createBerthApi(port), mainWorld.berth]) {
      if (api === undefined) throw new Error('window.berth was not installed');
      const seen: unknown[] = [];
      const resyncs: unknown[] = [];
      const errors: unknown[] = [];
      const unsubscribe = api.subscribe({ onEvent: (event) => seen.push(event), onResync: (resync) => resyncs.push(resync), onError: (error) => errors.push(error) });
      push(EVENT_CHANNEL, { type: 'supervisor', state: 'ready', at: 'now' });
      push(EVENT_RESYNC_CHANNEL, { type: 'resync', lastEventId: 3, oldestEventId: 9 });
      push(EVENT_ERROR_CHANNEL, { code: 'UNREACHABLE', message: 'dropped' });
      expect(seen).toEqual([{ type: 'supervisor', state: 'ready', at: 'now' }]);
      expect(resyncs).toEqual([{ type: 'resync', lastEventId: 3, oldestEventId: 9 }]);
      expect(errors[0]).toMatchObject({ code: 'UNREACHABLE', message: 'dropped' });
      unsubscribe();
      for (const channel of [EVENT_CHANNEL, EVENT_RESYNC_CHANNEL, EVENT_ERROR_CHANNEL]) expect(listeners.get(channel)?.size).toBe(0);
    }
  });
});
