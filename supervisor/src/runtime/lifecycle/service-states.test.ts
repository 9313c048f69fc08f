import { describe, expect, it } from 'vitest';
import { SERVICE_STATES, deriveOverallState, type ServiceState } from '../../control/contract.ts';
import { meetsCondition } from './service-states.ts';

describe('meetsCondition', () => {
  const table: Record<'started' | 'ready' | 'completed', ServiceState[]> = {
    started: ['starting', 'running', 'ready', 'unhealthy', 'completed'],
    ready: ['running', 'ready', 'completed'],
    completed: ['completed'],
  };
  for (const [condition, yes] of Object.entries(table) as Array<[keyof typeof table, ServiceState[]]>) {
    it.each(SERVICE_STATES.map((state) => [state, yes.includes(state)] as const))(`${condition}: %s → %s`, (state, expected) => {
      expect(meetsCondition(state, condition)).toBe(expected);
    });
  }
});

describe('deriveOverallState', () => {
  it.each([
    [['ready', 'running', 'completed'], false, 'ready'],
    [['ready', 'starting'], false, 'starting'],
    [['ready', 'backoff'], false, 'degraded'],
    [['ready', 'failed'], false, 'failed'],
    [['stopped', 'stopped'], false, 'stopped'],
    [['ready'], true, 'stopping'],
  ] as const)('%o (stopping=%s) → %s', (states, stopping, overall) => {
    expect(deriveOverallState(states, stopping)).toBe(overall);
  });
});
