// Client selection and the IPC client: window.berth when present (every call delegated, errors
// re-raised as ControlClientError with their code, events passed on), HTTP otherwise.
import { describe, expect, it, vi } from 'vitest';
import type { RuntimeClient } from '../../../supervisor/src/control/contract.ts';
import { makeService, makeStatus, makeUpdates } from '../test/fixtures.ts';
import { ControlClientError } from '../../../supervisor/src/control/client/index.ts';
import { isUnauthorized } from './client-error.ts';
import { createIpcClient } from './ipc-client.ts';
import { selectClient } from './select-client.ts';

function fakeBridge(): RuntimeClient {
  return {
    status: vi.fn(async () => makeStatus([makeService('api')])),
    subscribe: vi.fn(() => () => undefined),
    tailLogs: vi.fn(async () => ({ lines: [] })),
    runs: vi.fn(async () => ({ runs: [] })),
    serviceAction: vi.fn(async () => ({ service: makeService('api') })),
    submitSecrets: vi.fn(async () => ({ accepted: ['K'] })),
    validate: vi.fn(async () => ({ ok: true, problems: [] })),
    shutdown: vi.fn(async () => undefined),
    updates: vi.fn(async () => makeUpdates()),
    checkUpdates: vi.fn(async () => makeUpdates()),
    applyUpdate: vi.fn(async () => makeUpdates({ state: 'deferred', target: '2.0.0' })),
  };
}

describe('createIpcClient', () => {
  it('delegates every call to the bridge with its arguments', async () => {
    const bridge = fakeBridge();
    const client = createIpcClient(bridge);
    await client.status();
    await client.tailLogs('api', 10);
    await client.runs('api');
    await client.serviceAction('api', 'stop');
    await client.submitSecrets({ K: 'v' });
    await client.validate();
    await client.shutdown();
    expect(bridge.tailLogs).toHaveBeenCalledWith('api', 10);
    expect(bridge.serviceAction).toHaveBeenCalledWith('api', 'stop');
    expect(bridge.submitSecrets).toHaveBeenCalledWith({ K: 'v' });
    expect(bridge.shutdown).toHaveBeenCalledOnce();
  });

  it('re-raises rebuilt errors as ControlClientError with their code', async () => {
    const bridge = fakeBridge();
    bridge.status = () => Promise.reject(Object.assign(new Error('bad token'), { code: 'UNAUTHORIZED' }));
    const error = await createIpcClient(bridge).status().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ControlClientError);
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', message: 'bad token' });
    expect(isUnauthorized(error)).toBe(true);
  });

  it('passes events, resyncs and stream errors (as ControlClientError) to the subscriber', () => {
    const bridge = fakeBridge();
    const subscriber = { onEvent: vi.fn(), onResync: vi.fn(), onError: vi.fn() };
    const unsubscribe = createIpcClient(bridge).subscribe(subscriber);
    const forwarded = vi.mocked(bridge.subscribe).mock.calls[0]?.[0];
    const event = { type: 'supervisor', state: 'ready', at: 'now' } as const;
    forwarded?.onEvent(event);
    forwarded?.onResync?.({ type: 'resync', lastEventId: 2, oldestEventId: 9 });
    forwarded?.onError?.(Object.assign(new Error('dropped'), { code: 'UNREACHABLE' }));
    expect(subscriber.onEvent).toHaveBeenCalledWith(event);
    expect(subscriber.onResync).toHaveBeenCalledWith({ type: 'resync', lastEventId: 2, oldestEventId: 9 });
    expect(subscriber.onError.mock.calls[0]?.[0]).toBeInstanceOf(ControlClientError);
    expect(subscriber.onError.mock.calls[0]?.[0]).toMatchObject({ code: 'UNREACHABLE', message: 'dropped' });
    expect(unsubscribe).toBeTypeOf('function');
  });
});

describe('selectClient', () => {
  it('uses window.berth when the preload exposed it, else HTTP', async () => {
    const bridge = fakeBridge();
    await selectClient({ berth: bridge, location: window.location } as unknown as Window).status();
    expect(bridge.status).toHaveBeenCalledOnce();
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('offline'));
    await expect(selectClient({ location: window.location } as unknown as Window).validate()).rejects.toMatchObject({ code: 'UNREACHABLE' });
    expect(fetchSpy).toHaveBeenCalledOnce();
    fetchSpy.mockRestore();
  });
});
