// README "How supervision behaves", row by row, on the fake seam: the orchestrator, the executors
// and the machines are the real ones; processes, probes and time are fakes, so every figure
// (backoff delays, crash-loop windows, thresholds, timeouts) is checked to the millisecond.
import { describe, expect, it } from 'vitest';
import { FakeRuntime } from './fake-seam.test-helper.ts';

const PROBED = { readiness: { http: { port: 'http' }, interval: '1s', startTimeout: '30s' }, ports: { http: {} } };

describe('dependencies', () => {
  it('a dependent starts once its dependency is ready; while it waits it is pending, saying on what', async () => {
    const rt = new FakeRuntime({ db: PROBED, api: { dependsOn: { db: 'ready' } }, web: {} });
    await rt.start();
    // Independent services start in parallel; api waits.
    expect(rt.spawner.spawned.map((child) => child.service).sort()).toEqual(['db', 'web']);
    expect(rt.status('api')).toMatchObject({ state: 'pending', reason: 'waiting on: db (ready; now starting)', waitingOn: ['db'], blockedBy: { kind: 'dependencies', on: [{ service: 'db', condition: 'ready', state: 'starting' }], failed: [] } });
    rt.probes.set('db', true);
    await rt.advance(10);
    expect(rt.status('db').state).toBe('ready');
    expect(rt.status('api')).toMatchObject({ state: 'running', blockedBy: null, waitingOn: [] });
  });

  it('a crash loop stops the dependents, which wait naming it, and start again by themselves once it is back', async () => {
    const rt = new FakeRuntime({ db: { restart: { maxRestarts: 1 } }, api: { dependsOn: { db: 'started' } } });
    await rt.start();
    expect(rt.status('api').state).toBe('running');
    rt.spawner.living('db').exit(1);
    await rt.advance(0);
    rt.spawner.living('db').exit(1);
    await rt.advance(0);
    expect(rt.status('db')).toMatchObject({ state: 'failed', reason: 'crash loop: 2 exits in 60 s, last exit code 1' });
    expect(rt.status('api')).toMatchObject({ state: 'pending', pid: null, reason: 'dependency failed: db failed; waiting on: db (started; now failed)', blockedBy: { failed: [{ service: 'db', state: 'failed' }] } });
    expect(rt.spawner.of('api')[0]?.signals).toEqual(['SIGTERM']);
    await rt.orchestrator.act('db', 'restart');
    await rt.advance(0);
    expect(rt.status('db').state).toBe('running');
    expect(rt.status('api').state).toBe('running');
    expect(rt.spawner.of('api')).toHaveLength(2);
  });
});

describe('readiness and liveness', () => {
  it('a service without a readiness probe is running; with one it is ready once the probe passes', async () => {
    const rt = new FakeRuntime({ plain: {}, probed: PROBED });
    await rt.start();
    expect(rt.status('plain').state).toBe('running');
    expect(rt.status('probed').state).toBe('starting');
    await rt.advance(500);
    rt.probes.set('probed', true);
    await rt.advance(10);
    expect(rt.status('probed')).toMatchObject({ state: 'ready', readyAt: new Date(rt.clock.now()).toISOString() });
  });

  it('a missed startTimeout ends the run exactly at the timeout, naming it and the last probe', async () => {
    const rt = new FakeRuntime({ slow: { ...PROBED, restart: { policy: 'never' } } });
    await rt.start();
    await rt.advance(29_999);
    expect(rt.status('slow').state).toBe('starting');
    await rt.advance(1);
    expect(rt.spawner.of('slow')[0]?.signals).toEqual(['SIGTERM']);
    expect(rt.status('slow')).toMatchObject({ state: 'failed', reason: 'not ready within its start timeout; restart policy is "never"', lastLines: ['not ready within 30000 ms; last probe: ECONNREFUSED'] });
  });

  it('liveness: failureThreshold failures in a row, one interval apart, restart it (under on-failure too) and count', async () => {
    const rt = new FakeRuntime({ live: { ...PROBED, liveness: { http: { port: 'http' }, interval: '5s', failureThreshold: 3 }, restart: { policy: 'on-failure', maxRestarts: 5 } } });
    rt.probes.set('live', true);
    await rt.start();
    expect(rt.status('live').state).toBe('ready');
    const first = rt.spawner.living('live');
    first.onGraceful = { code: 0 };
    rt.probes.set('live', false);
    await rt.advance(14_999);
    expect(first.signals).toEqual([]);
    expect(rt.status('live').state).toBe('unhealthy'); // readiness lost after the same 3 failures
    await rt.advance(1);
    expect(first.signals).toEqual(['SIGTERM']);
    expect(rt.status('live')).toMatchObject({ restarts: 1 });
    expect(rt.events).toContainEqual(expect.objectContaining({ type: 'state', service: 'live', to: 'unhealthy', reason: 'liveness failed 3 times: GET / answered 500' }));
    expect(rt.telemetry.filter((event) => event.type === 'probe-failure' && event.probe === 'liveness')).toHaveLength(3);
  });

  it('a run that exits while its readiness is awaited stops probing at once (no probe of a dead run until startTimeout)', async () => {
    const rt = new FakeRuntime({ crash: { ...PROBED, restart: { backoff: { initial: '30s', max: '30s' } } } });
    let attempts = 0;
    const attempt = rt.probes.attempt.bind(rt.probes);
    rt.probes.attempt = (probe, target) => {
      const inner = attempt(probe, target);
      return async () => {
        attempts += 1;
        return inner();
      };
    };
    await rt.start();
    await rt.advance(200);
    rt.spawner.living('crash').exit(3);
    await rt.advance(0);
    rt.spawner.living('crash').exit(3);
    await rt.advance(0);
    expect(rt.status('crash').state).toBe('backoff');
    const before = attempts;
    await rt.advance(10_000);
    expect(attempts).toBe(before);
  });

  it('readiness lost after ready is unhealthy, with no restart; ready again once it recovers', async () => {
    const rt = new FakeRuntime({ flaky: { ...PROBED, readiness: { ...PROBED.readiness, failureThreshold: 2 } } });
    rt.probes.set('flaky', true);
    await rt.start();
    rt.probes.set('flaky', false);
    await rt.advance(2_000);
    expect(rt.status('flaky')).toMatchObject({ state: 'unhealthy', reason: 'readiness lost: GET / answered 500', restarts: 0 });
    rt.probes.set('flaky', true);
    await rt.advance(1_000);
    expect(rt.status('flaky')).toMatchObject({ state: 'ready', reason: null, restarts: 0 });
    expect(rt.spawner.spawned).toHaveLength(1);
  });
});

describe('restarts', () => {
  it('the first restart is immediate; the next wait random × min(max, initial × factor^(n-1))', async () => {
    const rt = new FakeRuntime({ web: { restart: { maxRestarts: 10, backoff: { initial: '100ms', max: '1s', factor: 2 } } } });
    rt.random = 0.5;
    await rt.start();
    for (const delay of [0, 50, 100, 200, 400, 500]) {
      rt.spawner.living('web').exit(1);
      await rt.advance(0);
      if (delay > 0) {
        expect(rt.status('web').state).toBe('backoff');
        await rt.advance(delay - 1);
        expect(rt.status('web').state).toBe('backoff');
        await rt.advance(1);
      }
      expect(rt.status('web').state).toBe('running');
    }
    expect(rt.spawnTimes('web')).toEqual([0, 0, 50, 150, 350, 750, 1250]);
    expect(rt.records.map((record) => record.restartCount)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(rt.records.slice(1).map((record) => record.previousRunId)).toEqual(rt.records.slice(0, -1).map((record) => record.runId));
  });

  it('more than maxRestarts ends in the window → failed; ends older than the window do not count', async () => {
    const rt = new FakeRuntime({ web: { restart: { maxRestarts: 2, window: '10s', resetAfter: '1h', backoff: { initial: '1ms', max: '1ms' } } } });
    await rt.start();
    const crash = async () => {
      rt.spawner.living('web').exit(1);
      await rt.advance(1);
    };
    await crash();
    await crash();
    await rt.advance(10_001);
    await crash();
    await crash();
    expect(rt.status('web').state).toBe('running');
    await crash();
    expect(rt.status('web')).toMatchObject({ state: 'failed', reason: 'crash loop: 3 exits in 10 s, last exit code 1', restarts: 4 });
  });

  it('a run that stayed up for resetAfter starts the backoff over', async () => {
    const rt = new FakeRuntime({ web: { restart: { maxRestarts: 10, resetAfter: '10s', backoff: { initial: '100ms' } } } });
    await rt.start();
    rt.spawner.living('web').exit(1);
    await rt.advance(0);
    rt.spawner.living('web').exit(1);
    await rt.advance(0);
    expect(rt.status('web').state).toBe('backoff');
    await rt.advance(100);
    await rt.advance(10_000);
    rt.spawner.living('web').exit(1);
    await rt.advance(0);
    expect(rt.status('web').state).toBe('running'); // immediate again
  });

  it('a clean exit: stopped under on-failure; restarted with backoff and counted under always', async () => {
    const rt = new FakeRuntime({ once: {}, again: { restart: { policy: 'always', maxRestarts: 1, backoff: { initial: '100ms' } } } });
    await rt.start();
    rt.spawner.living('once').exit(0);
    rt.spawner.living('again').exit(0);
    await rt.advance(0);
    expect(rt.status('once')).toMatchObject({ state: 'stopped', restarts: 0 });
    expect(rt.status('again')).toMatchObject({ state: 'running', restarts: 1 });
    rt.spawner.living('again').exit(0);
    await rt.advance(0);
    expect(rt.status('again')).toMatchObject({ state: 'failed', reason: 'crash loop: 2 exits in 60 s, last exit code 0' });
  });

  it("a person's stop holds under always (and unless-stopped): not restarted, however long we wait", async () => {
    const rt = new FakeRuntime({ web: { restart: { policy: 'always' } }, keep: { restart: { policy: 'unless-stopped' } } });
    await rt.start();
    await rt.orchestrator.act('web', 'stop');
    await rt.orchestrator.act('keep', 'stop');
    await rt.advance(3_600_000);
    expect(rt.status('web')).toMatchObject({ state: 'stopped', reason: 'stopped by request' });
    expect(rt.status('keep')).toMatchObject({ state: 'stopped', reason: 'stopped by request' });
    expect(rt.spawner.spawned).toHaveLength(2);
    await expect(rt.orchestrator.act('web', 'stop')).rejects.toThrow('cannot stop "web": it is stopped');
  });

  it('a command that cannot run fails at once: one attempt, no crash loop', async () => {
    const rt = new FakeRuntime({ gone: { command: ['no-such-program'], restart: { policy: 'always' } } });
    rt.spawner.missing.add('no-such-program');
    await rt.start();
    await rt.advance(60_000);
    expect(rt.status('gone')).toMatchObject({ state: 'failed', reason: 'services.gone: cannot run "no-such-program": not found (ENOENT)', restarts: 0 });
    expect(rt.states('gone')).toEqual(['starting', 'failed']);
  });
});

describe('tasks and shutdown', () => {
  it('a task over its timeout is stopped at the timeout and fails; its dependents never start', async () => {
    const rt = new FakeRuntime({ migrate: { kind: 'task', timeout: '2m' }, api: { dependsOn: { migrate: 'completed' } } });
    await rt.start();
    await rt.advance(119_999);
    expect(rt.status('migrate').state).toBe('starting');
    await rt.advance(1);
    expect(rt.status('migrate')).toMatchObject({ state: 'failed', reason: 'task failed: timed out after 120000 ms' });
    expect(rt.spawner.of('api')).toEqual([]);
  });

  it('shutdown: dependents first, the stop signal, then SIGKILL after shutdown.timeout for one that ignores it', async () => {
    const rt = new FakeRuntime({ db: { shutdown: { timeout: '3s' } }, api: { dependsOn: { db: 'started' } } });
    await rt.start();
    const db = rt.spawner.living('db');
    const api = rt.spawner.living('api');
    db.onGraceful = 'ignore';
    const stopping = rt.orchestrator.shutdown('supervisor stopping');
    await rt.advance(0);
    expect(api.signals).toEqual(['SIGTERM']);
    expect(db.signals).toEqual(['SIGTERM']);
    await rt.advance(2_999);
    expect(db.isAlive).toBe(true);
    await rt.advance(1);
    await stopping;
    expect(db.signals).toEqual(['SIGTERM', 'SIGKILL']);
    expect(rt.events.filter((event) => event.type === 'state' && event.to === 'stopped').map((event) => (event.type === 'state' ? event.service : ''))).toEqual(['api', 'db']);
  });

  it('a graceful channel comes first: stdin closed, the stop signal only after shutdown.timeout, SIGKILL after another', async () => {
    const rt = new FakeRuntime({ polite: { shutdown: { stdin: true, timeout: '3s' } }, deaf: { shutdown: { stdin: true, timeout: '3s' } }, plain: {} });
    await rt.start();
    const [polite, deaf, plain] = [rt.spawner.living('polite'), rt.spawner.living('deaf'), rt.spawner.living('plain')];
    expect([polite.stdin, deaf.stdin, plain.stdin].map((pipe) => pipe !== null)).toEqual([true, true, false]);
    deaf.onStdinClosed = 'ignore';
    deaf.onGraceful = 'ignore';
    const stopping = rt.orchestrator.shutdown('supervisor stopping');
    await rt.advance(0);
    expect(polite.signals).toEqual(['stdin closed']);
    expect(rt.status('polite')).toMatchObject({ state: 'stopped', lastExit: { code: 0, signal: null } });
    expect(plain.signals).toEqual(['SIGTERM']);
    expect(deaf.signals).toEqual(['stdin closed']);
    await rt.advance(2_999);
    expect(deaf.signals).toEqual(['stdin closed']);
    await rt.advance(1);
    expect(deaf.signals).toEqual(['stdin closed', 'SIGTERM']);
    await rt.advance(2_999);
    expect(deaf.isAlive).toBe(true);
    await rt.advance(1);
    await stopping;
    expect(deaf.signals).toEqual(['stdin closed', 'SIGTERM', 'SIGKILL']);
    expect(rt.status('deaf')).toMatchObject({ state: 'stopped', lastExit: { signal: 'SIGKILL' } });
  });

  it('a kill skips the channel and its wait: SIGKILL at once, even while the channel is awaited', async () => {
    const rt = new FakeRuntime({ deaf: { shutdown: { stdin: true, timeout: '1m' } } });
    await rt.start();
    const deaf = rt.spawner.living('deaf');
    deaf.onStdinClosed = 'ignore';
    void rt.orchestrator.shutdown('supervisor stopping');
    await rt.advance(1_000);
    expect(deaf.signals).toEqual(['stdin closed']);
    await rt.orchestrator.killAll('second Ctrl-C');
    await rt.advance(0);
    expect(deaf.signals).toEqual(['stdin closed', 'SIGKILL']);
    expect(rt.clock.timers).toBe(0);
  });
});
