import { describe, expect, it } from 'vitest';
import type { ControlledRuntime } from '../control/controlled-runtime.ts';
import { designExample } from '../manifest/test-helpers.ts';
import { parseManifest } from '../manifest/index.ts';
import { statePaths } from '../state/state-paths.ts';
import { EventBus } from '../events/index.ts';
import { STARTING_REASON, StartingRuntime } from './starting-runtime.ts';

function starting(): StartingRuntime {
  const loaded = parseManifest(JSON.stringify(designExample()), '/bundle/bundle.json');
  return new StartingRuntime({ loaded, paths: statePaths('/state'), profile: 'headless', startedAtMs: Date.now() }, new EventBus());
}

describe('StartingRuntime', () => {
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

  it('holds actions and shutdown requests until the runtime exists, then delegates', async () => {
    const runtime = starting();
    const calls: string[] = [];
    const real = { serviceAction: async (name: string, action: string) => (calls.push(`${action} ${name}`), { name }), requestShutdown: () => calls.push('shutdown'), ports: () => ({ api: { http: 1 } }) } as unknown as ControlledRuntime;
    const action = runtime.serviceAction('api', 'restart');
    runtime.requestShutdown();
    expect(calls).toEqual([]);
    runtime.ready(real);
    await expect(action).resolves.toEqual({ name: 'api' });
    expect(calls).toEqual(['restart api', 'shutdown']);
    expect(runtime.ports()).toEqual({ api: { http: 1 } });
  });

  it('fails waiting calls when start-up fails', async () => {
    const runtime = starting();
    const waiting = runtime.validate();
    runtime.failed(new Error('port in use'));
    await expect(waiting).rejects.toThrow(/start-up failed: port in use/);
  });
});
