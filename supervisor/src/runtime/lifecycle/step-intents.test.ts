// Table tests of the lifecycle machine, part 2: stops (a person's, during backoff, during the
// spawn, over a restart), intents from the orchestrator and the start-up sequence, and which of a
// person's actions make sense. Part 1: step.test.ts; restart decisions and tasks: on-exit.test.ts.
import { describe, expect, it } from 'vitest';
import { STOPPED_BY_PERSON } from './blocked-reason.ts';
import { blocked, Driven, only } from './drive.test-helper.ts';
import { refusalOf } from './on-intent.ts';

describe('stops', () => {
  it("a person's stop: stopping with the graceful signal, stopped once the exit is recorded, and it stays stopped", () => {
    const m = new Driven({ restart: { policy: 'always' }, shutdown: { signal: 'SIGINT', timeout: '3s' } }).up();
    expect(m.send({ type: 'act', action: 'stop' })).toEqual([
      { type: 'cancel-timer', timer: 'start-timeout' },
      { type: 'cancel-timer', timer: 'task-timeout' },
      { type: 'transition', from: 'running', to: 'stopping', reason: STOPPED_BY_PERSON, pid: 100 },
      { type: 'signal', run: 1, signal: 'SIGINT', graceMs: 3000 },
    ]);
    const exit = m.exit(0, { record: false });
    expect(only(exit, 'record-end')).toEqual([{ type: 'record-end', run: 1, exit: { code: 0, signal: null }, reason: STOPPED_BY_PERSON, then: true }]);
    expect(m.state.phase).toBe('stopping');
    m.send({ type: 'recorded', run: 1 });
    expect(m.state).toMatchObject({ phase: 'stopped', reason: STOPPED_BY_PERSON, run: null, wanted: 'down', restarts: 0 });
    expect(m.send({ type: 'release' })).toEqual([]);
  });

  it('stop during backoff cancels the restart', () => {
    const m = new Driven({ restart: { backoff: { initial: '1s' } } }).up();
    m.exit(1);
    m.send({ type: 'spawned', run: 2, pid: 101 });
    m.exit(1);
    const token = m.state.backoffToken;
    expect(token).not.toBeNull();
    expect(m.send({ type: 'act', action: 'stop' })).toEqual([
      { type: 'cancel-timer', timer: 'backoff' },
      { type: 'transition', from: 'backoff', to: 'stopped', reason: STOPPED_BY_PERSON, pid: null },
    ]);
    expect(m.send({ type: 'timer', timer: 'backoff', token: token ?? 0 })).toEqual([]);
  });

  it('a stop while the process is being spawned stops it as soon as it exists', () => {
    const m = new Driven();
    m.send({ type: 'release' });
    m.send({ type: 'shutdown', reason: 'supervisor stopping' });
    expect(m.state.phase).toBe('stopping');
    expect(m.send({ type: 'spawned', run: 1, pid: 42 })).toEqual([{ type: 'signal', run: 1, signal: 'SIGTERM', graceMs: 10_000 }]);
    m.exit(null, { signal: 'SIGTERM' });
    expect(m.state).toMatchObject({ phase: 'stopped', reason: 'supervisor stopping' });
  });

  it('a stop while the spawn fails lands at once', () => {
    const m = new Driven();
    m.send({ type: 'release' });
    m.send({ type: 'act', action: 'stop' });
    m.send({ type: 'spawn-failed', run: 1, message: 'EAGAIN', cannotRun: false });
    expect(m.state).toMatchObject({ phase: 'stopped', run: null });
  });

  it('kill while stopping escalates to SIGKILL; shutdown over a restart lands stopped', () => {
    const m = new Driven().up();
    m.send({ type: 'act', action: 'restart' });
    expect(m.send({ type: 'kill', reason: 'second Ctrl-C' })).toEqual([{ type: 'signal', run: 1, signal: 'SIGKILL', graceMs: 0 }]);
    m.exit(null, { signal: 'SIGKILL' });
    expect(m.state).toMatchObject({ phase: 'stopped', reason: 'second Ctrl-C', wanted: 'down' });
  });

  it('a stop after the exit, while the end is being recorded, wins over the restart decision', () => {
    const m = new Driven({ restart: { backoff: { initial: '1s' } } }).up();
    m.exit(1);
    m.send({ type: 'spawned', run: 2, pid: 101 });
    m.exit(1, { record: false });
    m.send({ type: 'shutdown', reason: 'supervisor stopping' });
    m.send({ type: 'recorded', run: 2 });
    expect(m.state).toMatchObject({ phase: 'stopped', reason: 'supervisor stopping', backoffToken: null, run: null });
  });

  it('shutdown leaves a completed task and a failed service as they are; a pending one becomes stopped', () => {
    const task = new Driven({ kind: 'task' }).up();
    task.exit(0);
    task.send({ type: 'shutdown', reason: 'supervisor stopping' });
    expect(task.state.phase).toBe('completed');
    const waiting = new Driven();
    waiting.send({ type: 'shutdown', reason: 'supervisor stopping' });
    expect(waiting.state).toMatchObject({ phase: 'stopped', reason: 'supervisor stopping' });
  });
});

describe('intents', () => {
  it('block: a waiting service names what it waits on; a failed dependency comes first', () => {
    const m = new Driven();
    m.send({ type: 'block', blockedBy: blocked([['db', 'ready', 'starting']]) });
    expect(m.state).toMatchObject({ phase: 'pending', reason: 'waiting on: db (ready; now starting)' });
    m.send({ type: 'block', blockedBy: blocked([['api', 'ready', 'pending']], [['db', 'failed']]) });
    expect(m.state.reason).toBe('dependency failed: db failed; waiting on: api (ready; now pending)');
  });

  it('block with a failed dependency stops a running service, which then waits (pending)', () => {
    const m = new Driven().up();
    const effects = m.send({ type: 'block', blockedBy: blocked([['db', 'ready', 'failed']], [['db', 'failed']]) });
    expect(only(effects, 'transition')).toEqual([{ type: 'transition', from: 'running', to: 'stopping', reason: 'dependency failed: db failed', pid: 100 }]);
    const exit = m.exit(0);
    // The record keeps why it was stopped; the state, back in pending, says what it waits on.
    expect(only(exit, 'record-end')[0]?.reason).toBe('dependency failed: db failed');
    expect(m.state).toMatchObject({ phase: 'pending', reason: 'dependency failed: db failed; waiting on: db (ready; now failed)', wanted: 'up' });
    // Once the dependency is back, the orchestrator releases it and it starts again by itself.
    m.send({ type: 'release' });
    expect(m.state).toMatchObject({ phase: 'starting', blockedBy: null });
  });

  it('block without a failed dependency leaves a running service running (a dependency restarting)', () => {
    const m = new Driven().up();
    expect(only(m.send({ type: 'block', blockedBy: blocked([['db', 'ready', 'backoff']]) }), 'transition')).toEqual([]);
    expect(m.state).toMatchObject({ phase: 'running', blockedBy: { kind: 'dependencies' } });
  });

  it('need-secrets → waiting-secrets naming them; release starts it', () => {
    const m = new Driven();
    m.send({ type: 'need-secrets', missing: ['API_KEY'] });
    expect(m.state).toMatchObject({ phase: 'waiting-secrets', reason: 'waiting for secrets: API_KEY', blockedBy: { kind: 'secrets', missing: ['API_KEY'] } });
    m.send({ type: 'release' });
    expect(m.state.phase).toBe('starting');
  });

  it("hold (a person's earlier stop under unless-stopped) keeps it stopped until a person starts it", () => {
    const m = new Driven({ restart: { policy: 'unless-stopped' } });
    m.send({ type: 'hold', reason: 'stopped by request (unless-stopped)' });
    expect(m.send({ type: 'release' })).toEqual([]);
    expect(m.state).toMatchObject({ phase: 'stopped', wanted: 'down' });
    m.send({ type: 'act', action: 'start' });
    expect(m.state).toMatchObject({ phase: 'pending', reason: 'start requested', wanted: 'up' });
    m.send({ type: 'release' });
    expect(m.state.phase).toBe('starting');
  });

  it('ports-moved restarts a running process (to pending), and leaves a waiting one alone', () => {
    const m = new Driven().up();
    m.send({ type: 'ports-moved', service: 'api' });
    m.exit(0);
    expect(m.state).toMatchObject({ phase: 'pending', reason: 'restarted: the ports of api moved' });
    expect(m.send({ type: 'ports-moved', service: 'api' })).toEqual([]);
  });

  it("a person's restart and start clear the crash-loop budget", () => {
    const m = new Driven({ restart: { maxRestarts: 0 } }).up();
    m.exit(1);
    expect(m.state).toMatchObject({ phase: 'failed', recentEnds: [m.nowMs] });
    m.send({ type: 'act', action: 'restart' });
    expect(m.state).toMatchObject({ phase: 'pending', reason: 'restart requested', attempt: 0, recentEnds: [] });
  });

  it('skip completes a waiting task; fail and annotate set the reason of a failure', () => {
    const task = new Driven({ kind: 'task' });
    task.send({ type: 'skip', reason: 'up to date: completed for version 1.0.0' });
    expect(task.state).toMatchObject({ phase: 'completed', reason: 'up to date: completed for version 1.0.0' });
    const failing = new Driven({ kind: 'task' });
    failing.send({ type: 'fail', reason: 'state.json is corrupt' });
    failing.send({ type: 'annotate', reason: 'task failed: exit code 1; data/ restored' });
    expect(failing.state).toMatchObject({ phase: 'failed', reason: 'task failed: exit code 1; data/ restored' });
  });
});

describe('refusalOf (409 for an action that makes no sense)', () => {
  const at = (phase: string, wanted: 'up' | 'down' = 'up') => ({ ...new Driven().state, phase: phase as 'pending', wanted });
  it.each([
    ['stop', 'stopped', 'up', 'cannot stop "web": it is stopped'],
    ['stop', 'failed', 'up', 'cannot stop "web": it is failed'],
    ['stop', 'ready', 'up', null],
    ['stop', 'backoff', 'up', null],
    ['start', 'running', 'up', 'cannot start "web": it is running'],
    ['start', 'backoff', 'up', 'cannot start "web": it is backoff'],
    ['start', 'pending', 'down', null],
    ['start', 'failed', 'up', null],
    ['restart', 'stopping', 'up', 'cannot restart "web": it is stopping'],
    ['restart', 'failed', 'up', null],
  ] as const)('%s when %s (wanted %s) → %s', (action, phase, wanted, refusal) => {
    expect(refusalOf('web', at(phase, wanted), action)).toBe(refusal);
  });
});
