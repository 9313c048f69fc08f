// When a hand-off's new version counts as all ready, or as failed, and how long the wait lasts.
import { describe, expect, it } from 'vitest';
import type { ServiceState, ServiceStatus } from '../control/contract.ts';
import { EventBus } from '../events/index.ts';
import { readyOutcome, waitAllReady } from './wait-all-ready.ts';

const service = (name: string, state: ServiceState, reason: string | null = null) => ({ name, state, reason }) as ServiceStatus;

describe('readyOutcome', () => {
  it.each([
    [[service('a', 'ready'), service('t', 'completed'), service('w', 'running')], { ok: true }],
    [[service('a', 'ready'), service('b', 'stopped')], { ok: true }],
    [[service('a', 'ready'), service('b', 'starting')], null],
    [[service('a', 'waiting-secrets')], null],
    [[service('m', 'failed', 'task failed: exit code 1'), service('a', 'pending')], { ok: false, reason: 'm failed: task failed: exit code 1' }],
  ])('%o → %o', (services, outcome) => {
    expect(readyOutcome(services)).toEqual(outcome);
  });
});

describe('waitAllReady', () => {
  it('resolves at the state event that makes it so, times out naming who is not ready, and ends when the session closes', async () => {
    const bus = new EventBus();
    let services = [service('a', 'starting')];
    const closed = new AbortController();
    const ready = waitAllReady({ bus, services: () => services, closed: closed.signal }, 60_000);
    services = [service('a', 'ready')];
    bus.publish({ type: 'state', service: 'a', from: 'starting', to: 'ready', at: '', reason: null, pid: 1 });
    expect(await ready).toEqual({ ok: true });
    services = [service('a', 'starting')];
    expect(await waitAllReady({ bus, services: () => services, closed: closed.signal }, 30)).toEqual({ ok: false, reason: 'not all ready within 30 ms (a starting)' });
    const waiting = waitAllReady({ bus, services: () => services, closed: closed.signal }, 60_000);
    closed.abort();
    expect(await waiting).toEqual({ ok: false, reason: 'the version was stopped before it was all ready' });
  });
});
