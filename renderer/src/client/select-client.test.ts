// Client selection and the IPC client: window.berth when present (every call delegated, errors
// passed through with their code), HTTP otherwise.
import { describe, expect, it, vi } from 'vitest';
import type { RuntimeClient } from '../../../supervisor/src/control/contract.ts';
import { makeService, makeStatus } from '../test/fixtures.ts';
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
    const onEvent = vi.fn();
    client.subscribe(onEvent);
    expect(bridge.tailLogs).toHaveBeenCalledWith('api', 10);
    expect(bridge.serviceAction).toHaveBeenCalledWith('api', 'stop');
    expect(bridge.submitSecrets).toHaveBeenCalledWith({ K: 'v' });
    expect(bridge.subscribe).toHaveBeenCalledWith(onEvent, undefined);
    expect(bridge.shutdown).toHaveBeenCalledOnce();
  });

  it('passes rebuilt errors through with their code', async () => {
    const bridge = fakeBridge();
    bridge.status = () => Promise.reject(Object.assign(new Error('bad token'), { code: 'UNAUTHORIZED' }));
    const error = await createIpcClient(bridge).status().catch((caught: unknown) => caught);
    expect(isUnauthorized(error)).toBe(true);
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
