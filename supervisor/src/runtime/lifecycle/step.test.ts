// Table tests of the lifecycle machine, part 1: starting, readiness, spawn failures, monitors,
// timers and reports about a run already replaced. Part 2 (stops, intents): step-intents.test.ts;
// restart decisions and tasks: on-exit.test.ts.
import { describe, expect, it } from 'vitest';
import { Driven, only } from './drive.test-helper.ts';

const HTTP = { readiness: { http: { port: 'http' }, startTimeout: '100ms' }, ports: { http: {} } };

describe('starting', () => {
  it('release → starting and a spawn; without readiness the spawned process is running', () => {
    const m = new Driven();
    expect(m.send({ type: 'release' })).toEqual([
      { type: 'transition', from: 'pending', to: 'starting', reason: null, pid: null },
      { type: 'spawn', run: 1, restartCount: 0 },
    ]);
    const effects = m.send({ type: 'spawned', run: 1, pid: 42 });
    expect(only(effects, 'transition')).toEqual([{ type: 'transition', from: 'starting', to: 'running', reason: null, pid: 42 }]);
    expect(only(effects, 'start-monitors')).toEqual([]);
    expect(m.state).toMatchObject({ phase: 'running', readyAtMs: m.nowMs, run: { pid: 42, upSinceMs: m.nowMs } });
  });

  it.each<[string, Record<string, unknown>]>([
    ['an http probe', HTTP],
    ['a log line', { readiness: { log: 'READY', startTimeout: '100ms' } }],
    ['a notify fd', { readiness: { notify: 'fd', startTimeout: '100ms' } }],
  ])('with %s: watch readiness and arm the start timeout; ready cancels it', (_label, fields) => {
    const m = new Driven(fields);
    m.send({ type: 'release' });
    const spawned = m.send({ type: 'spawned', run: 1, pid: 42 });
    expect(spawned).toEqual([{ type: 'watch-readiness', run: 1 }, { type: 'arm-timer', timer: 'start-timeout', token: 1, ms: 100 }]);
    expect(m.state.phase).toBe('starting');
    const ready = m.send({ type: 'ready', run: 1 });
    expect(ready).toContainEqual({ type: 'cancel-timer', timer: 'start-timeout' });
    expect(m.state.phase).toBe('ready');
  });

  it('monitors start once up when there is a liveness probe or a readiness probe to keep running', () => {
    expect(only(new Driven({ liveness: { http: { port: 'http' } }, ports: { http: {} } }).up().log, 'start-monitors')).toHaveLength(1);
    expect(only(new Driven(HTTP).up().log, 'start-monitors')).toHaveLength(1);
    expect(only(new Driven({ readiness: { log: 'READY' } }).up().log, 'start-monitors')).toHaveLength(0);
    expect(only(new Driven({ readiness: { notify: 'fd' } }).up().log, 'start-monitors')).toHaveLength(0);
    expect(only(new Driven({ readiness: { notify: 'fd' }, liveness: { http: { port: 'http' } }, ports: { http: {} } }).up().log, 'start-monitors')).toHaveLength(1);
  });

  it.each([
    ['closed the fd first', 'it closed its notify fd without writing READY=1', 'no READY=1 on the notify fd within 2000 ms (it closed its notify fd without writing READY=1)'],
    ['said nothing', null, 'no READY=1 on the notify fd within 2000 ms'],
  ])('a notify service that %s misses its start timeout, and the reason says so', (_label, detail, line) => {
    const m = new Driven({ readiness: { notify: 'fd', startTimeout: '2s' }, restart: { policy: 'never' } });
    m.send({ type: 'release' });
    m.send({ type: 'spawned', run: 1, pid: 42 });
    expect(m.send({ type: 'timer', timer: 'start-timeout', token: 1, detail })[0]).toEqual({ type: 'note', line });
    m.exit(null, { signal: 'SIGTERM' });
    expect(m.state).toMatchObject({ phase: 'failed' });
  });

  it('a missed start timeout ends the run with a reason naming the timeout and the last probe', () => {
    const m = new Driven(HTTP);
    m.send({ type: 'release' });
    m.send({ type: 'spawned', run: 1, pid: 42 });
    const effects = m.send({ type: 'timer', timer: 'start-timeout', token: 1, detail: 'GET http://127.0.0.1:1/: ECONNREFUSED' }, 100);
    expect(effects).toEqual([
      { type: 'note', line: 'not ready within 100 ms; last probe: GET http://127.0.0.1:1/: ECONNREFUSED' },
      { type: 'signal', run: 1, signal: 'SIGTERM', graceMs: 10_000 },
    ]);
    m.exit(null, { signal: 'SIGTERM' });
    expect(m.state).toMatchObject({ phase: 'starting', reason: 'restart 1' });
    expect(m.log).toContainEqual(expect.objectContaining({ type: 'transition', to: 'backoff', reason: 'not ready within its start timeout; restart 1 in 0 ms' }));
  });

  it('a log probe that never matches names its pattern', () => {
    const m = new Driven({ readiness: { log: '/^up$/', startTimeout: '2s' } });
    m.send({ type: 'release' });
    m.send({ type: 'spawned', run: 1, pid: 42 });
    expect(m.send({ type: 'timer', timer: 'start-timeout', token: 1 })[0]).toEqual({ type: 'note', line: 'no output line matched /^up$/ within 2000 ms' });
  });

  it('a start timeout for a run already replaced, or after ready, changes nothing', () => {
    const m = new Driven(HTTP).up();
    const before = m.state;
    expect(m.send({ type: 'timer', timer: 'start-timeout', token: 1 })).toEqual([]);
    expect(m.send({ type: 'timer', timer: 'start-timeout', token: 99 })).toEqual([]);
    expect(m.state).toBe(before);
  });

  it('exit while starting is an end like any other: the first restart is immediate', () => {
    const m = new Driven(HTTP);
    m.send({ type: 'release' });
    m.send({ type: 'spawned', run: 1, pid: 42 });
    const effects = m.exit(1);
    expect(only(effects, 'transition').map((t) => `${t.from}→${t.to}`)).toEqual(['starting→backoff', 'backoff→starting']);
    expect(only(effects, 'record-end')).toEqual([{ type: 'record-end', run: 1, exit: { code: 1, signal: null }, reason: 'exited (exit code 1); restart 1 in 0 ms', then: false }]);
    expect(only(effects, 'spawn')).toEqual([{ type: 'spawn', run: 2, restartCount: 1 }]);
    expect(effects).toContainEqual({ type: 'cancel-timer', timer: 'start-timeout' });
  });
});

describe('spawn failures', () => {
  it('a command that cannot run fails at once, with no restart', () => {
    const m = new Driven({ restart: { policy: 'always' } });
    m.send({ type: 'release' });
    const effects = m.send({ type: 'spawn-failed', run: 1, message: 'services.web: cannot run "nope": not found (ENOENT)', cannotRun: true });
    expect(m.state).toMatchObject({ phase: 'failed', reason: 'services.web: cannot run "nope": not found (ENOENT)', run: null, restarts: 0 });
    expect(only(effects, 'spawn')).toEqual([]);
    expect(only(effects, 'record-end')).toEqual([]);
  });

  it('another spawn failure goes through the restart policy (nothing to record)', () => {
    const m = new Driven();
    m.send({ type: 'release' });
    const effects = m.send({ type: 'spawn-failed', run: 1, message: 'EAGAIN', cannotRun: false });
    expect(only(effects, 'spawn')).toEqual([{ type: 'spawn', run: 2, restartCount: 1 }]);
    expect(only(effects, 'record-end')).toEqual([]);
  });
});

describe('monitors after ready', () => {
  it('readiness lost → unhealthy (same run, no restart); recovered → ready', () => {
    const m = new Driven(HTTP).up();
    m.send({ type: 'readiness-lost', run: 1, message: 'GET / answered 500' });
    expect(m.state).toMatchObject({ phase: 'unhealthy', reason: 'readiness lost: GET / answered 500', run: { id: 1 } });
    m.send({ type: 'readiness-recovered', run: 1 });
    expect(m.state).toMatchObject({ phase: 'ready', reason: null, run: { id: 1 } });
  });

  it('failed liveness → unhealthy, a note and a graceful stop; the exit counts as a liveness end even when clean', () => {
    const m = new Driven({ ...HTTP, restart: { policy: 'on-failure' } }).up();
    const effects = m.send({ type: 'liveness-failed', run: 1, message: 'GET /live answered 500', consecutive: 3 });
    expect(effects).toEqual([
      { type: 'note', line: 'liveness failed 3 times: GET /live answered 500' },
      { type: 'transition', from: 'ready', to: 'unhealthy', reason: 'liveness failed 3 times: GET /live answered 500', pid: 100 },
      { type: 'signal', run: 1, signal: 'SIGTERM', graceMs: 10_000 },
    ]);
    // While it is being stopped, readiness reports no longer move it.
    m.send({ type: 'readiness-recovered', run: 1 });
    expect(m.state.phase).toBe('unhealthy');
    m.exit(0);
    expect(m.state).toMatchObject({ phase: 'starting', restarts: 1 });
    expect(m.log).toContainEqual(expect.objectContaining({ type: 'transition', to: 'backoff', reason: 'liveness probe failed; restart 1 in 0 ms' }));
  });

  it('a liveness failure during backoff (about the run that ended) is ignored', () => {
    const m = new Driven({ ...HTTP, restart: { backoff: { initial: '1s' } } }).up();
    m.exit(1); // immediate restart: run 2
    m.send({ type: 'spawned', run: 2, pid: 101 });
    m.exit(1); // second restart waits: backoff
    expect(m.state.phase).toBe('backoff');
    const before = m.state;
    expect(m.send({ type: 'liveness-failed', run: 2, message: 'late', consecutive: 3 })).toEqual([]);
    expect(m.send({ type: 'liveness-failed', run: 1, message: 'late', consecutive: 3 })).toEqual([]);
    expect(m.state).toBe(before);
  });
});

