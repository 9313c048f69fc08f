import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../control/contract.ts';
import { decideGcRecord } from './decide-gc.ts';

const old = '2026-11-01T00:00:00.000Z';
const recent = '2026-11-25T00:00:00.000Z';
const cutoffMs = Date.parse('2026-11-20T00:00:00.000Z');
const base: RunRecord = {
  runId: '20261101T000000.000Z-abcd', service: 'api', pid: 1, pgid: 1, processStartTicks: '1', supervisorPid: 2,
  startedAt: old, endedAt: old, status: 'exited', exitCode: 0, signal: null, reason: null, restartCount: 0, previousRunId: null,
};

describe('decideGcRecord', () => {
  it.each<[string, Partial<RunRecord>, boolean, boolean, boolean]>([
    ['old clean exit', {}, false, false, true],
    ['recent exit', { endedAt: recent }, false, false, false],
    ['still running', { status: 'running', endedAt: null }, false, false, false],
    ['current run of a running service', {}, false, true, false],
    ['no end time', { endedAt: null }, false, false, false],
    ['old failure, keepFailed off', { exitCode: 1 }, false, false, true],
    ['old non-zero exit, keepFailed', { exitCode: 1 }, true, false, false],
    ['old signal, keepFailed', { exitCode: null, signal: 'SIGKILL' }, true, false, false],
    ['old reaped, keepFailed', { status: 'reaped', signal: 'SIGKILL' }, true, false, false],
    ['old clean exit, keepFailed', {}, true, false, true],
  ])('%s', (_name, patch, keepFailed, running, remove) => {
    expect(decideGcRecord({ ...base, ...patch }, { cutoffMs, keepFailed, isRunning: () => running }).remove).toBe(remove);
  });
});
