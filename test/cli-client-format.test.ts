// The status table and uptime formatting (pure).
import { describe, expect, it } from 'vitest';
import { formatStatus, formatTable, formatUptime } from '../supervisor/src/cli/format-status.ts';
import { createFakeRuntime, fakeService } from './helpers/control-fake-runtime.ts';

describe('formatUptime', () => {
  it.each([
    [null, '-'],
    [999, '0s'],
    [45_000, '45s'],
    [192_000, '3m12s'],
    [7_500_000, '2h05m'],
    [100 * 3_600_000, '4d4h'],
  ])('%s ms → %s', (ms, text) => {
    expect(formatUptime(ms)).toBe(text);
  });
});

describe('formatStatus', () => {
  it('aligns columns and adds hints for waiting and failed services', () => {
    const runtime = createFakeRuntime();
    runtime.services.set('worker', fakeService('worker', { kind: 'task', state: 'waiting-secrets', pid: null, ports: {}, uptimeMs: null, missingSecrets: ['API_KEY'] }));
    runtime.services.set('broken', fakeService('broken', { state: 'failed', pid: null, restarts: 5, uptimeMs: null, reason: 'crash loop: 6 restarts in 60s' }));
    const lines = formatStatus(runtime.status());
    expect(lines[0]).toBe(`Test 1.0.0: ready (supervisor pid ${process.pid}, headless)`);
    expect(lines.slice(1, 6)).toEqual([
      'NAME     KIND      STATE             PID    PORTS        RESTARTS   UPTIME',
      'api      service   ready             1000   http=47100   0          5s',
      'db       service   stopped           -      http=47100   0          -',
      'worker   task      waiting-secrets   -      -            0          -',
      'broken   service   failed            -      http=47100   5          -',
    ]);
    expect(lines).toContain('worker waits for secrets API_KEY: berth secrets set API_KEY');
    expect(lines).toContain('broken: crash loop: 6 restarts in 60s');
  });

  it('formatTable trims trailing spaces', () => {
    expect(formatTable([['a', 'bb'], ['ccc', '']])).toEqual(['a     bb', 'ccc']);
  });
});
