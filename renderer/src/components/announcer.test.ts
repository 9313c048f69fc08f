// The sentences the live region speaks.
import { describe, expect, it } from 'vitest';
import type { StateEvent } from '../../../supervisor/src/control/contract.ts';
import { describeChanges } from './announcer.tsx';

const change = (service: string, to: StateEvent['to']): StateEvent => ({ type: 'state', service, from: 'starting', to, at: '2026-11-25T10:00:00.000Z', reason: null, pid: null });

describe('describeChanges', () => {
  it('names a few changes, the last one per service', () => {
    expect(describeChanges([change('db', 'starting'), change('db', 'ready'), change('api', 'failed')])).toBe('db is ready. api is failed.');
  });

  it('summarises many, naming failures', () => {
    const events = ['a', 'b', 'c', 'd'].map((name) => change(name, name === 'c' ? 'failed' : 'ready'));
    expect(describeChanges(events)).toBe('4 services changed state. Failed: c.');
  });
});
