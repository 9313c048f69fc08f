import { describe, expect, it } from 'vitest';
import type { BlockedBy, ServiceState, ServiceStatus } from '../control/contract.ts';
import { EventBus } from '../events/index.ts';
import { StartupTracker, waitForStartup, type StartupResult } from './wait-for-startup.ts';

function status(name: string, state: ServiceState, reason: string | null = null, missingSecrets: string[] = [], blockedBy: BlockedBy | null = null): ServiceStatus {
  return { name, kind: 'service', state, pid: null, ports: {}, restarts: 0, lastExit: null, startedAt: null, readyAt: null, uptimeMs: null, reason, blockedBy, waitingOn: [], missingSecrets, lastLines: [], dependsOn: {}, runId: null };
}

/** Held down by `failed` below it (a failed dependency). */
const heldBy = (failed: string): BlockedBy => ({ kind: 'dependencies', on: [{ service: failed, condition: 'ready', state: 'failed' }], failed: [{ service: failed, state: 'failed' }] });

/** A bus and a status table that change together, as the runners keep them. */
function world(names: readonly string[]) {
  const bus = new EventBus();
  const table = new Map(names.map((name) => [name, status(name, 'pending')]));
  let calls = 0;
  const services = () => {
    calls += 1;
    return [...table.values()];
  };
  const move = (name: string, to: ServiceState, reason: string | null = null, missingSecrets: string[] = [], blockedBy: BlockedBy | null = null) => {
    const from = table.get(name)?.state ?? 'pending';
    table.set(name, status(name, to, reason, missingSecrets, blockedBy));
    bus.publish({ type: 'state', service: name, from, to, at: new Date().toISOString(), reason, pid: null, blockedBy });
  };
  return { bus, services, move, calls: () => calls };
}

/** The promise's value if it has settled by the next macrotask, else 'open'. */
async function settledValue(promise: Promise<StartupResult>): Promise<StartupResult | 'open'> {
  return Promise.race([promise, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 5))]);
}

describe('waitForStartup', () => {
  it('ends once every service is up, building the full status only when it may have ended', async () => {
    const w = world(['db', 'api', 'ui']);
    const done = waitForStartup(w.bus, w.services);
    for (const name of ['db', 'api', 'ui']) w.move(name, 'starting');
    w.move('db', 'ready');
    w.move('api', 'running');
    expect(await settledValue(done)).toBe('open');
    const before = w.calls();
    w.move('ui', 'ready');
    expect(await settledValue(done)).toEqual({ ok: true, waitingForSecrets: [] });
    // One status build to seed, one when the last service settled: none per intermediate event.
    expect(before).toBe(1);
    expect(w.calls()).toBe(2);
  });

  it('ends with the failed services as soon as one fails', async () => {
    const w = world(['db', 'api']);
    const done = waitForStartup(w.bus, w.services);
    w.move('db', 'starting');
    w.move('db', 'failed', 'crash loop');
    const result = await settledValue(done);
    expect(result).toMatchObject({ ok: false, failed: [{ name: 'db', reason: 'crash loop' }] });
  });

  it('counts a service held down by a failed dependency, and a stopped one, as settled', async () => {
    const w = world(['a', 'b', 'c']);
    const done = waitForStartup(w.bus, w.services);
    w.move('a', 'stopped', 'stopped by a person');
    w.move('b', 'pending', 'dependency failed: a stopped', [], heldBy('a'));
    expect(await settledValue(done)).toBe('open');
    w.move('c', 'completed');
    expect(await settledValue(done)).toEqual({ ok: true, waitingForSecrets: [] });
  });

  it('ends when nothing moves and a service waits for a secret, naming the secrets', async () => {
    const w = world(['api', 'worker']);
    const done = waitForStartup(w.bus, w.services);
    w.move('worker', 'starting');
    w.move('api', 'waiting-secrets', null, ['OPENAI_KEY']);
    expect(await settledValue(done)).toBe('open');
    w.move('worker', 'ready');
    expect(await settledValue(done)).toEqual({ ok: true, waitingForSecrets: ['OPENAI_KEY'] });
  });

  it('resolves at once when start-up is already over', async () => {
    const w = world(['a']);
    w.move('a', 'running');
    expect(await settledValue(waitForStartup(w.bus, w.services))).toEqual({ ok: true, waitingForSecrets: [] });
  });
});

describe('StartupTracker', () => {
  it('asks for a full check only on a failure, when all are settled, or when only parked services remain', () => {
    const tracker = new StartupTracker([status('a', 'pending'), status('b', 'pending')]);
    expect(tracker.update('a', { state: 'starting' })).toBe(false);
    expect(tracker.update('a', { state: 'ready' })).toBe(false);
    expect(tracker.update('b', { state: 'waiting-secrets' })).toBe(true);
    expect(tracker.update('b', { state: 'starting' })).toBe(false);
    expect(tracker.update('b', { state: 'failed' })).toBe(true);
    expect(tracker.update('b', { state: 'ready' })).toBe(true);
  });
});
