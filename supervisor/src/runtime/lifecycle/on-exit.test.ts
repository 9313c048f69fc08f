// Table tests of how a run's end resolves: restart policies, full-jitter backoff, the crash-loop
// window, resetAfter, bind failures, and tasks (result, timeout). Every row of README's
// "Restarts" and "Tasks and migrations" has a case here.
import { describe, expect, it } from 'vitest';
import { Driven, only } from './drive.test-helper.ts';

const CRASHY = { restart: { maxRestarts: 5, window: '60s', backoff: { initial: '100ms', max: '1s', factor: 2 } } };

/** Crashes the current run `times` times, spawning the next run each time a restart begins. */
function crash(m: Driven, times: number, code = 1): void {
  for (let index = 0; index < times; index++) {
    m.exit(code, { afterMs: 10 });
    const token = m.state.backoffToken;
    if (token !== null) m.send({ type: 'timer', timer: 'backoff', token });
    if (m.state.phase === 'starting') m.send({ type: 'spawned', run: m.runId, pid: 200 + index });
  }
}

describe('restart policies', () => {
  it.each([
    ['on-failure', 0, 'stopped', 'exited (exit code 0); restart policy "on-failure" does not restart a clean exit'],
    ['on-failure', 1, 'starting', null],
    ['always', 0, 'starting', null],
    ['unless-stopped', 0, 'starting', null],
    ['never', 0, 'stopped', 'exited (exit code 0)'],
    ['never', 1, 'failed', 'exited (exit code 1); restart policy is "never"'],
  ] as const)('%s, exit code %i → %s', (policy, code, phase, reason) => {
    const m = new Driven({ restart: { policy } }).up();
    m.exit(code);
    expect(m.state.phase).toBe(phase);
    if (reason !== null) expect(m.state.reason).toBe(reason);
    // A clean exit that is restarted is counted, never a hot loop (it goes through the budget).
    if (phase === 'starting') expect(m.state).toMatchObject({ restarts: 1, recentEnds: [m.nowMs] });
  });

  it('the first restart is immediate; the next wait random × min(max, initial × factor^(n-1)) on a timer', () => {
    const m = new Driven(CRASHY).up();
    m.random = 0.5;
    const delays: number[] = [];
    for (let index = 0; index < 5; index++) {
      const effects = m.exit(1, { afterMs: 5 });
      delays.push(only(effects, 'arm-timer')[0]?.ms ?? 0);
      const token = m.state.backoffToken;
      if (token !== null) m.send({ type: 'timer', timer: 'backoff', token });
      m.send({ type: 'spawned', run: m.runId, pid: 300 + index });
    }
    expect(delays).toEqual([0, 50, 100, 200, 400]);
    expect(m.state.restarts).toBe(5);
    expect(only(m.log, 'telemetry').map((t) => t.event)).toContainEqual({ type: 'restart', service: 'web', attempt: 2, delayMs: 50, reason: 'exited (exit code 1); restart 2 in 50 ms' });
  });

  it('a delayed restart is scheduled only once the end is recorded, and a stale backoff timer does nothing', () => {
    const m = new Driven(CRASHY).up();
    crash(m, 1);
    const effects = m.exit(1, { record: false });
    expect(only(effects, 'arm-timer')).toEqual([]);
    expect(m.state.phase).toBe('running');
    m.send({ type: 'recorded', run: m.runId });
    expect(m.state.phase).toBe('backoff');
    expect(m.send({ type: 'timer', timer: 'backoff', token: 12345 })).toEqual([]);
  });
});

describe('crash loops', () => {
  it('more than maxRestarts ends within the window → failed, naming the count, window and last exit', () => {
    const m = new Driven({ restart: { maxRestarts: 2, window: '60s' } }).up();
    crash(m, 3);
    expect(m.state).toMatchObject({ phase: 'failed', reason: 'crash loop: 3 exits in 60 s, last exit code 1', restarts: 2 });
  });

  it('ends older than the window do not count', () => {
    const m = new Driven({ restart: { maxRestarts: 2, window: '1s', resetAfter: '1h' } }).up();
    crash(m, 2);
    m.nowMs += 2_000;
    crash(m, 2);
    expect(m.state).toMatchObject({ phase: 'running', restarts: 4 });
    crash(m, 1);
    expect(m.state).toMatchObject({ phase: 'failed', reason: 'crash loop: 3 exits in 1 s, last exit code 1' });
  });

  it('a liveness end counts toward the budget and is named as the last end', () => {
    const m = new Driven({ restart: { maxRestarts: 0 }, liveness: { http: { port: 'http' } }, ports: { http: {} } }).up();
    m.send({ type: 'liveness-failed', run: 1, message: 'refused', consecutive: 3 });
    m.exit(0);
    expect(m.state).toMatchObject({ phase: 'failed', reason: 'crash loop: 1 exits in 60 s, last liveness probe failed' });
  });

  it('a run that stayed up for resetAfter starts the backoff over (its restart is immediate again)', () => {
    const m = new Driven({ ...CRASHY, restart: { ...CRASHY.restart, resetAfter: '10s' } }).up();
    crash(m, 3);
    expect(m.state.attempt).toBe(3);
    m.exit(1, { afterMs: 10_000 });
    expect(m.state).toMatchObject({ phase: 'starting', attempt: 1 });
    expect(m.log).toContainEqual(expect.objectContaining({ type: 'transition', to: 'backoff', reason: 'exited (exit code 1); restart 1 in 0 ms' }));
  });
});

describe('bind failures', () => {
  it('a run that could not bind while starting gets new ports before the next run', () => {
    const m = new Driven({ readiness: { http: { port: 'http' } }, ports: { http: {} } });
    m.send({ type: 'release' });
    m.send({ type: 'spawned', run: 1, pid: 5 });
    const effects = m.exit(1, { bindFailure: true });
    expect(effects.map((effect) => effect.type).filter((type) => type === 'reallocate-ports' || type === 'spawn')).toEqual(['reallocate-ports', 'spawn']);
  });

  it('after ready, an EADDRINUSE line does not move its ports', () => {
    const m = new Driven({ readiness: { http: { port: 'http' } }, ports: { http: {} } }).up();
    expect(only(m.exit(1, { bindFailure: true }), 'reallocate-ports')).toEqual([]);
  });
});

describe('tasks', () => {
  it('exit 0 → completed once recorded, with its telemetry', () => {
    const m = new Driven({ kind: 'task' }).up();
    const effects = m.exit(0, { afterMs: 250 });
    expect(m.state).toMatchObject({ phase: 'completed', reason: null, run: null });
    expect(only(effects, 'telemetry')).toEqual([{ type: 'telemetry', event: { type: 'task-result', task: 'web', ok: true, exitCode: 0, durationMs: 250 } }]);
  });

  it('a failed task is failed and is not restarted, whatever its policy', () => {
    const m = new Driven({ kind: 'task', restart: { policy: 'always' } }).up();
    m.exit(3);
    expect(m.state).toMatchObject({ phase: 'failed', reason: 'task failed: exit code 3', restarts: 0 });
  });

  it('a task over its timeout is stopped and fails naming the timeout', () => {
    const m = new Driven({ kind: 'task', timeout: '300ms' });
    m.send({ type: 'release' });
    expect(m.send({ type: 'spawned', run: 1, pid: 9 })).toEqual([{ type: 'arm-timer', timer: 'task-timeout', token: 1, ms: 300 }]);
    expect(m.send({ type: 'timer', timer: 'task-timeout', token: 1 }, 300)).toEqual([
      { type: 'note', line: 'task timed out after 300 ms' },
      { type: 'signal', run: 1, signal: 'SIGTERM', graceMs: 10_000 },
    ]);
    m.exit(null, { signal: 'SIGTERM' });
    expect(m.state).toMatchObject({ phase: 'failed', reason: 'task failed: timed out after 300 ms' });
  });
});
