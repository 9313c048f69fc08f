import { describe, expect, it } from 'vitest';
import type { SupervisorRuntime } from './supervisor-runtime.ts';
import { designExample } from '../manifest/test-helpers.ts';
import { parseManifest } from '../manifest/index.ts';
import { statePaths } from '../state/state-paths.ts';
import { EventBus } from '../events/index.ts';
import { RuntimeHost, STARTING_REASON, type UpdateControls } from './runtime-host.ts';

function starting(): RuntimeHost {
  const loaded = parseManifest(JSON.stringify(designExample()), '/bundle/bundle.json');
  return new RuntimeHost({ loaded, paths: statePaths('/state'), profile: 'headless', startedAtMs: Date.now() }, new EventBus());
}

describe('RuntimeHost', () => {
  it('answers /healthz, and shows every service pending with no ports before the runtime exists', () => {
    const runtime = starting();
    expect(runtime.health()).toMatchObject({ ok: true, pid: process.pid });
    const status = runtime.status();
    expect(status.supervisor.state).toBe('starting');
    expect(status.services.length).toBeGreaterThan(0);
    for (const service of status.services) expect(service).toMatchObject({ state: 'pending', reason: STARTING_REASON, ports: {}, pid: null });
    expect(runtime.readiness().ready).toBe(false);
    expect(runtime.ports()).toEqual({});
    expect(() => runtime.tailLogs('no-such-service', 10)).toThrow(/unknown service/);
  });

  it('holds actions until a session serves, then delegates; a shutdown request waits for its handler', async () => {
    const runtime = starting();
    const calls: string[] = [];
    const session = { identity: { loaded: parseManifest(JSON.stringify(designExample()), '/bundle/bundle.json'), paths: statePaths('/state'), profile: 'headless', startedAtMs: 0 }, serviceAction: async (name: string, action: string) => (calls.push(`${action} ${name}`), { name }), ports: () => ({ api: { http: 1 } }) } as unknown as SupervisorRuntime;
    const action = runtime.serviceAction('api', 'restart');
    runtime.requestShutdown();
    expect(calls).toEqual([]);
    runtime.serve(session);
    await expect(action).resolves.toEqual({ name: 'api' });
    expect(calls).toEqual(['restart api']);
    expect(runtime.ports()).toEqual({ api: { http: 1 } });
    runtime.onShutdownRequest = () => calls.push('shutdown');
    expect(calls).toEqual(['restart api', 'shutdown']);
  });

  it("refuses a person's start or restart with 409 UPDATE_IN_PROGRESS while a hand-off is busy (stop still goes)", async () => {
    const runtime = starting();
    const calls: string[] = [];
    const session = { identity: { loaded: parseManifest(JSON.stringify(designExample()), '/bundle/bundle.json') }, serviceAction: async (name: string, action: string) => (calls.push(`${action} ${name}`), { name }) } as unknown as SupervisorRuntime;
    runtime.serve(session);
    const controls = { busy: true, summary: () => ({ state: 'applying', target: '2.0.0', reason: null }) } as unknown as UpdateControls;
    runtime.attachUpdates(controls);
    await expect(runtime.serviceAction('api', 'restart')).rejects.toMatchObject({ code: 'UPDATE_IN_PROGRESS' });
    await expect(runtime.serviceAction('api', 'start')).rejects.toMatchObject({ code: 'UPDATE_IN_PROGRESS' });
    await runtime.serviceAction('api', 'stop');
    expect(calls).toEqual(['stop api']);
  });

  it('fails waiting calls when start-up fails', async () => {
    const runtime = starting();
    const waiting = runtime.validate();
    runtime.failed(new Error('port in use'));
    await expect(waiting).rejects.toThrow(/start-up failed: port in use/);
  });
});
