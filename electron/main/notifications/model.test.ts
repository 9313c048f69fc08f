import { describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../../../supervisor/src/control/contract.ts';
import { describeNotification, failureOf } from './model.ts';

const state = (from: string, to: string, reason: string | null = 'exited with code 1 (5 restarts in 60s)'): RuntimeEvent =>
  ({ type: 'state', service: 'api', from, to, at: '2026-01-01T00:00:00.000Z', reason, pid: null }) as RuntimeEvent;

describe('failureOf', () => {
  it.each([
    [state('backoff', 'failed'), { service: 'api', reason: 'exited with code 1 (5 restarts in 60s)' }],
    [state('starting', 'failed', null), { service: 'api', reason: null }],
    [state('failed', 'failed'), null],
    [state('running', 'backoff'), null],
    [state('ready', 'unhealthy'), null],
    [state('failed', 'starting'), null],
    [{ type: 'supervisor', state: 'failed', at: '' } as RuntimeEvent, null],
    [{ type: 'log', service: 'api', stream: 'stderr', line: 'failed', at: '' } as RuntimeEvent, null],
  ])('%o → %o', (event, expected) => {
    expect(failureOf(event)).toEqual(expected);
  });
});

describe('describeNotification', () => {
  it('names one failed service with its reason, and opens its page', () => {
    expect(describeNotification('Notes', { kind: 'services-failed', failures: [{ service: 'api', reason: 'exited with code 1' }] })).toEqual({
      title: 'Notes: api failed',
      body: 'exited with code 1',
      action: { kind: 'open-service', service: 'api' },
    });
    expect(describeNotification('Notes', { kind: 'services-failed', failures: [{ service: 'db', reason: null }] }).body).toBe('It stopped and will not be restarted.');
  });

  it('makes one notification of several failures, opening the overview', () => {
    const spec = describeNotification('Notes', { kind: 'services-failed', failures: [{ service: 'db', reason: 'x' }, { service: 'api', reason: 'y' }] });
    expect(spec).toEqual({ title: 'Notes: 2 services failed', body: 'db, api stopped and will not be restarted.', action: { kind: 'open-dashboard' } });
    expect(() => describeNotification('Notes', { kind: 'services-failed', failures: [] })).toThrow(RangeError);
  });

  it('announces updates: an app release installs on click, a bundle version opens the dashboard', () => {
    expect(describeNotification('Notes', { kind: 'update-ready', source: 'app', version: '2.0.0' })).toMatchObject({ title: 'Notes 2.0.0 is ready to install', action: { kind: 'install-app-update', version: '2.0.0' } });
    expect(describeNotification('Notes', { kind: 'update-ready', source: 'bundle', version: '1.4.0' })).toMatchObject({ title: 'Notes 1.4.0 is ready', action: { kind: 'open-dashboard' } });
  });

  it('clips long texts and reports a failed supervisor', () => {
    const spec = describeNotification('Notes', { kind: 'supervisor-failed', message: 'x'.repeat(500) });
    expect(spec.title).toBe('Notes stopped working');
    expect(spec.body).toHaveLength(200);
    expect(spec.body.endsWith('…')).toBe(true);
  });
});
