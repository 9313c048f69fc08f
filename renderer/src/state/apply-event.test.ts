// Applying live events to the status snapshot (pure).
import { describe, expect, it } from 'vitest';
import type { StateEvent } from '../../../supervisor/src/control/contract.ts';
import { makeService, makeStatus } from '../test/fixtures.ts';
import { applyEvent, replaceService, reuseUnchanged } from './apply-event.ts';

const at = '2026-11-25T10:00:05.000Z';
const event = (overrides: Partial<StateEvent>): StateEvent => ({ type: 'state', service: 'api', from: 'ready', to: 'ready', at, reason: null, pid: 1003, ...overrides });

describe('applyEvent', () => {
  it.each([
    ['ready → backoff keeps nothing of the old process', event({ from: 'ready', to: 'backoff', pid: null, reason: 'exited 1' }), { state: 'backoff', pid: null, uptimeMs: null, reason: 'exited 1' }],
    ['backoff → starting records the start', event({ from: 'backoff', to: 'starting', pid: 77 }), { state: 'starting', pid: 77, uptimeMs: 0, startedAt: at, lastLines: [] }],
    ['starting → ready records readiness', event({ from: 'starting', to: 'ready', pid: 1003 }), { state: 'ready', readyAt: at, uptimeMs: 65_000 }],
    ['pending → starting clears waitingOn', event({ from: 'pending', to: 'starting' }), { waitingOn: [] }],
  ] as const)('%s', (_name, stateEvent, expected) => {
    const status = makeStatus([makeService('api', { waitingOn: ['db'], lastLines: ['old'] }), makeService('db')]);
    const next = applyEvent(status, stateEvent);
    expect(next.services[0]).toMatchObject(expected);
    expect(next.services[1]).toBe(status.services[1]);
  });

  it('recomputes the overall state', () => {
    const status = makeStatus([makeService('api'), makeService('db')]);
    expect(applyEvent(status, event({ to: 'failed', pid: null })).supervisor.state).toBe('failed');
  });

  it('applies supervisor events and ignores logs and unknown services', () => {
    const status = makeStatus([makeService('api')]);
    expect(applyEvent(status, { type: 'supervisor', state: 'stopping', at }).supervisor.state).toBe('stopping');
    expect(applyEvent(status, { type: 'log', service: 'api', stream: 'stdout', line: 'x', at })).toBe(status);
    expect(applyEvent(status, event({ service: 'ghost' }))).toBe(status);
  });
});

describe('replaceService', () => {
  it('swaps one service and recomputes the overall state', () => {
    const status = makeStatus([makeService('api'), makeService('db')]);
    const next = replaceService(status, makeService('db', { state: 'stopped', pid: null }));
    expect(next.services[1]?.state).toBe('stopped');
    expect(next.supervisor.state).toBe('degraded');
  });
});

describe('reuseUnchanged', () => {
  it('keeps the old object of each service that did not change', () => {
    const before = makeStatus([makeService('api'), makeService('db')]);
    const after = makeStatus([makeService('api'), makeService('db', { restarts: 1 })]);
    const merged = reuseUnchanged(before, after);
    expect(merged.services[0]).toBe(before.services[0]);
    expect(merged.services[1]).toBe(after.services[1]);
    expect(reuseUnchanged(null, after)).toBe(after);
  });
});
