import { describe, expect, it } from 'vitest';
import { decideTaskRun } from './decide-task-run.ts';
import type { TaskRecord, TaskRunDecision, TaskWhenValue } from './decide-task-run.ts';

const at1 = { lastCompletedVersion: '1.0.0', lastCompletedAt: '2026-01-01T00:00:00.000Z' };

describe('decideTaskRun', () => {
  it.each<[TaskWhenValue[] | undefined, TaskRecord | undefined, string, TaskRunDecision]>([
    [undefined, undefined, '1.0.0', { run: true, reason: 'always' }],
    [undefined, at1, '1.0.0', { run: true, reason: 'always' }],
    [['always'], at1, '1.0.0', { run: true, reason: 'always' }],
    [['first-start'], undefined, '1.0.0', { run: true, reason: 'first-start' }],
    [['first-start'], at1, '1.0.0', { run: false, reason: 'up-to-date' }],
    [['first-start'], at1, '2.0.0', { run: false, reason: 'up-to-date' }],
    [['upgrade'], at1, '2.0.0', { run: true, reason: 'upgrade', fromVersion: '1.0.0' }],
    [['upgrade'], at1, '1.0.0', { run: false, reason: 'up-to-date' }],
    [['upgrade'], undefined, '1.0.0', { run: false, reason: 'up-to-date', recordBaseline: true }],
    [['first-start', 'upgrade'], undefined, '1.0.0', { run: true, reason: 'first-start' }],
    [['first-start', 'upgrade'], at1, '1.0.0', { run: false, reason: 'up-to-date' }],
    [['first-start', 'upgrade'], at1, '1.1.0', { run: true, reason: 'upgrade', fromVersion: '1.0.0' }],
    [['first-start', 'upgrade'], at1, '0.9.0', { run: true, reason: 'upgrade', fromVersion: '1.0.0' }],
    [['upgrade', 'always'], at1, '2.0.0', { run: true, reason: 'upgrade', fromVersion: '1.0.0' }],
    [['upgrade', 'always'], undefined, '2.0.0', { run: true, reason: 'always' }],
    [[], undefined, '1.0.0', { run: true, reason: 'always' }],
  ])('when %j, record %j, version %s', (when, record, version, expected) => {
    expect(decideTaskRun(when, record, version)).toEqual(expected);
  });
});
