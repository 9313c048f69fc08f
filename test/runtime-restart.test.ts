// Supervision end to end with real processes: a kill -9 is seen and restarted (run records
// chained), a crash loop ends in `failed` and stops the dependents' process groups, a person's
// restart clears the budget, real liveness and readiness probes move the state, and a person's
// stop and `unless-stopped` hold across a restart of berth. Every timing rule (backoff, windows,
// thresholds) is checked on a fake clock in supervisor/src/runtime/supervision.test.ts.
import { appendFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useBerthHarness } from './helpers/berth-harness.ts';
import type { BerthRun } from './helpers/berth-run.ts';
import { livingGroupMembers } from './helpers/process-groups.ts';
import { readRunRecords } from './helpers/run-records.ts';
import { nodeFixture, type Sandbox, type ServiceInput } from './helpers/sandbox.ts';

const h = useBerthHarness();

const QUICK = { interval: '100ms', startTimeout: '30s' } as const;

/** "restart N in X ms" as announced on each `backoff` line of `service`, in order. */
function announcedDelays(berth: BerthRun, service: string): Array<{ restart: number; delayMs: number }> {
  const pattern = new RegExp(`^\\[berth\\] ${service}: backoff \\(.*; restart (\\d+) in (\\d+) ms\\)$`, 'gm');
  return [...berth.stdout.matchAll(pattern)].map((match) => ({ restart: Number(match[1]), delayMs: Number(match[2]) }));
}

describe('restarts with backoff', () => {
  it('kill -9 → restarted; the first restart at once, the next ones after the full-jitter backoff', async () => {
    const sb = await h.sandbox('backoff');
    await sb.writeBundle({
      web: {
        command: nodeFixture('marked-http.mjs'),
        env: { PORT: '${ports.web.http}' },
        ports: { http: {} },
        readiness: { http: { port: 'http' }, ...QUICK },
        restart: { maxRestarts: 20, window: '60s', backoff: { initial: '50ms', max: '400ms', factor: 2 } },
      },
    });
    const berth = h.start(sb);
    const kills = 8;
    const killed = new Set<number>();
    for (let index = 0; index < kills; index++) {
      const { web } = await berth.waitFor(`run ${index + 1} ready`, (s) => s.web?.state === 'ready' && s.web.pid !== null && !killed.has(s.web.pid));
      const pid = web?.pid ?? 0;
      killed.add(pid);
      process.kill(pid, 'SIGKILL');
    }
    const { web } = await berth.waitFor('the last run ready', (s) => s.web?.state === 'ready' && s.web.pid !== null && !killed.has(s.web.pid));
    expect(web?.restarts).toBe(kills);

    const records = await readRunRecords(sb.stateDir, 'web');
    expect(records).toHaveLength(kills + 1);
    records.slice(0, kills).forEach((record, index) => {
      expect(record).toMatchObject({ status: 'exited', signal: 'SIGKILL', exitCode: null, restartCount: index });
      expect(killed.has(record.pid ?? 0)).toBe(true);
      expect(records[index + 1]?.previousRunId).toBe(record.runId);
    });

    // The announced delays follow the policy (their timing is checked on a fake clock in
    // supervisor/src/runtime/supervision.test.ts): restart 1 at once, then full jitter under the ceiling.
    const delays = announcedDelays(berth, 'web');
    expect(delays.map((entry) => entry.restart)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const ceilings = delays.map((_, index) => (index === 0 ? 0 : Math.min(400, 50 * 2 ** (index - 1))));
    delays.forEach((entry, index) => expect(entry.delayMs).toBeLessThanOrEqual(ceilings[index] ?? 0));
  });

  it('`always`: a service that exits 0 is restarted with backoff, then fails as a crash loop — never a hot loop', async () => {
    const sb = await h.sandbox('always');
    await sb.writeBundle({
      // Each run lives 300 ms, so start-up sees both services running before any exit.
      oneshot: { command: nodeFixture('exit-zero.mjs'), env: { DELAY_MS: '300' }, restart: { policy: 'always', maxRestarts: 3, window: '60s', backoff: { initial: '100ms', max: '400ms' } } },
      // The default policy (on-failure) leaves a clean exit alone.
      clean: { command: nodeFixture('exit-zero.mjs'), env: { DELAY_MS: '300' } },
    });
    const berth = h.start(sb);
    const settled = await berth.waitFor('oneshot failed and clean stopped', (s) => s.oneshot?.state === 'failed' && s.clean?.state === 'stopped');
    expect(settled.oneshot?.reason).toBe('crash loop: 4 exits in 60 s, last exit code 0');
    expect(settled.oneshot?.restarts).toBe(3);
    expect(settled.clean?.reason).toContain('does not restart a clean exit');
    expect(settled.clean?.restarts).toBe(0);

    const records = await readRunRecords(sb.stateDir, 'oneshot');
    expect(records.map((record) => record.exitCode)).toEqual([0, 0, 0, 0]);
    expect(announcedDelays(berth, 'oneshot').map((entry) => entry.restart)).toEqual([1, 2, 3]);
    expect(await readRunRecords(sb.stateDir, 'clean')).toHaveLength(1);
  });
});

/** db crashes (exit 1, 100 ms after READY) once `crash-now` exists; api depends on db being ready; `more` adds services. */
async function crashLoopBundle(sb: Sandbox, more: Record<string, ServiceInput> = {}): Promise<string> {
  const crashFile = sb.path('crash-now');
  await sb.writeBundle({
    ...more,
    db: {
      command: nodeFixture('crash.mjs'),
      env: { CRASH_FILE: crashFile, CRASH_AFTER_MS: '100' },
      readiness: { log: 'READY', startTimeout: '30s' },
      restart: { maxRestarts: 2, window: '60s', backoff: { initial: '50ms', max: '200ms' } },
    },
    api: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.api.http}' }, ports: { http: {} }, dependsOn: { db: 'ready' }, readiness: { http: { port: 'http' }, ...QUICK } },
  });
  return crashFile;
}

describe('crash loops', () => {
  it('crash loop → failed with the count, window and last exit; dependents stopped, waiting, naming it', async () => {
    const sb = await h.sandbox('crash-loop');
    const crashFile = await crashLoopBundle(sb);
    const berth = h.start(sb);
    const up = await berth.waitForStates(['db', 'api'], ['ready']);
    const apiPid = up.api?.pid ?? 0;
    await writeFile(crashFile, 'now\n');

    const { db } = await berth.waitFor('db failed', (s) => s.db?.state === 'failed');
    expect(db?.reason).toBe('crash loop: 3 exits in 60 s, last exit code 1');
    expect(db?.lastLines).toContain('db crashing with exit code 1');
    expect((await readRunRecords(sb.stateDir, 'db')).map((record) => `${record.status} ${record.exitCode}`)).toEqual(['exited 1', 'exited 1', 'exited 1']);

    const { api } = await berth.waitFor('api stopped and waiting', (s) => s.api?.state === 'pending' && s.api.pid === null);
    expect(api?.waitingOn).toEqual(['db']);
    expect(api?.reason).toMatch(/^dependency failed: db\b.*failed/);
    expect(livingGroupMembers(apiPid)).toEqual([]);
    const [apiRun] = await readRunRecords(sb.stateDir, 'api');
    expect(apiRun).toMatchObject({ status: 'exited', pid: apiPid });
    expect(apiRun?.reason).toContain('dependency failed: db');
  });

  it('a failure stops the whole chain above it: a dependent of a dependent waits too, naming the failed service', async () => {
    const sb = await h.sandbox('crash-chain');
    const crashFile = await crashLoopBundle(sb, {
      web: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.web.http}' }, ports: { http: {} }, dependsOn: { api: 'ready' }, readiness: { http: { port: 'http' }, ...QUICK } },
    });
    const berth = h.start(sb);
    const up = await berth.waitForStates(['db', 'api', 'web'], ['ready']);
    await writeFile(crashFile, 'now\n');
    const down = await berth.waitFor('api and web stopped', (s) => s.db?.state === 'failed' && s.api?.state === 'pending' && s.web?.state === 'pending' && s.web.pid === null);
    expect(down.web?.reason).toMatch(/^dependency failed: db failed; waiting on: api/);
    expect(down.api?.reason).toMatch(/^dependency failed: db failed; waiting on: db/);
    expect(livingGroupMembers(up.web?.pid ?? 0)).toEqual([]);
  });

  it('a manual restart through the control API clears the crash-loop budget', async () => {
    const sb = await h.sandbox('manual-restart');
    const crashFile = await crashLoopBundle(sb);
    const berth = h.start(sb);
    await berth.waitForStates(['db', 'api'], ['ready']);
    await writeFile(crashFile, 'now\n');
    const first = await berth.waitFor('db failed', (s) => s.db?.state === 'failed');
    expect(first.db?.restarts).toBe(2);

    const reply = await berth.act('db', 'restart');
    expect(reply.state).not.toBe('failed');
    // A cleared budget allows the full 3 exits again (2 restarts); without it the next exit would be the 4th in the window.
    const { db } = await berth.waitFor('db failed again', (s) => s.db?.state === 'failed' && s.db.runId !== first.db?.runId);
    expect(db?.reason).toBe('crash loop: 3 exits in 60 s, last exit code 1');
    expect(db?.restarts).toBe(4);
    expect(await readRunRecords(sb.stateDir, 'db')).toHaveLength(6);
    // db was ready again, so api started again, and was stopped again when db failed.
    const { api } = await berth.waitFor('api stopped and waiting again', (s) => s.api?.state === 'pending' && s.api.pid === null);
    expect(api?.reason).toMatch(/^dependency failed: db\b/);
    expect((await readRunRecords(sb.stateDir, 'api')).length).toBeGreaterThanOrEqual(2);
  });
});

describe('liveness', () => {
  it('failing liveness → unhealthy → restarted (even under on-failure), and counted toward the crash-loop budget', async () => {
    const sb = await h.sandbox('liveness');
    const failFile = sb.path('failing-pids');
    await sb.writeBundle({
      live: {
        command: nodeFixture('liveness-toggle.mjs'),
        env: { PORT: '${ports.live.http}', FAIL_FILE: failFile },
        ports: { http: {} },
        readiness: { http: { port: 'http', path: '/' }, ...QUICK },
        liveness: { http: { port: 'http', path: '/live' }, interval: '100ms', failureThreshold: 2 },
        restart: { policy: 'on-failure', maxRestarts: 1, window: '60s', backoff: { initial: '50ms', max: '100ms' } },
      },
    });
    const berth = h.start(sb);
    const first = await berth.waitForStates(['live'], ['ready']);
    const firstPid = first.live?.pid ?? 0;
    const port = first.live?.ports.http?.port ?? 0;
    await writeFile(failFile, `${firstPid}\n`);

    const { live } = await berth.waitFor('live restarted', (s) => s.live?.state === 'ready' && s.live.pid !== null && s.live.pid !== firstPid);
    expect(live?.restarts).toBe(1);
    expect(berth.stdout).toContain(`[berth] live: unhealthy (liveness failed 2 times: GET http://127.0.0.1:${port}/live answered 500)`);
    const [firstRun] = await readRunRecords(sb.stateDir, 'live');
    expect(firstRun?.pid).toBe(firstPid);
    expect(firstRun?.reason).toContain('liveness probe failed');
    // The fixture exits 0 on SIGTERM: liveness restarts it all the same.
    expect(firstRun?.exitCode).toBe(0);
    expect(await sb.markAt('live', 'sigterm')).toBeGreaterThan(0);

    // The second liveness failure is the second end in the window: over maxRestarts 1 → failed.
    await appendFile(failFile, `${live?.pid ?? 0}\n`);
    const done = await berth.waitFor('live failed', (s) => s.live?.state === 'failed');
    expect(done.live?.reason).toBe('crash loop: 2 exits in 60 s, last liveness probe failed');
  });

  it('readiness lost after ready shows as unhealthy (no restart), and ready again once it recovers', async () => {
    const sb = await h.sandbox('readiness-lost');
    const failFile = sb.path('failing-pids');
    await sb.writeBundle({
      flaky: {
        command: nodeFixture('liveness-toggle.mjs'),
        env: { PORT: '${ports.flaky.http}', FAIL_FILE: failFile },
        ports: { http: {} },
        readiness: { http: { port: 'http', path: '/live' }, interval: '100ms', failureThreshold: 2, startTimeout: '30s' },
      },
    });
    const berth = h.start(sb);
    const { flaky } = await berth.waitForStates(['flaky'], ['ready']);
    await writeFile(failFile, `${flaky?.pid ?? 0}\n`);
    const sick = await berth.waitForStates(['flaky'], ['unhealthy']);
    expect(sick.flaky?.reason).toMatch(/^readiness lost: GET http:\/\/127\.0\.0\.1:\d+\/live answered 500$/);
    expect(sick.flaky?.pid).toBe(flaky?.pid);
    await writeFile(failFile, '');
    const well = await berth.waitForStates(['flaky'], ['ready']);
    expect(well.flaky).toMatchObject({ pid: flaky?.pid, restarts: 0, reason: null });
  });
});

describe("a person's stop and start", () => {
  it('a service stopped through the control API stays stopped (even under `always`) until started again', async () => {
    const sb = await h.sandbox('person-stop');
    await sb.writeBundle({
      web: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.web.http}' }, ports: { http: {} }, readiness: { http: { port: 'http' }, ...QUICK }, restart: { policy: 'always', backoff: { initial: '10ms', max: '10ms' } } },
    });
    const berth = h.start(sb);
    const { web } = await berth.waitForStates(['web'], ['ready']);
    const stopped = await berth.act('web', 'stop');
    expect(stopped).toMatchObject({ state: 'stopped', pid: null, reason: 'stopped by request' });
    expect(livingGroupMembers(web?.pid ?? 0)).toEqual([]);
    expect(await readRunRecords(sb.stateDir, 'web')).toHaveLength(1);

    await berth.act('web', 'start');
    const again = await berth.waitFor('web ready again', (s) => s.web?.state === 'ready' && s.web.pid !== null && s.web.pid !== web?.pid);
    expect(again.web?.restarts).toBe(0);
    expect(await readRunRecords(sb.stateDir, 'web')).toHaveLength(2);
  });

  it('`unless-stopped`: a person\'s stop holds across a restart of berth; dependents wait; a start releases it', async () => {
    const sb = await h.sandbox('unless-stopped');
    await sb.writeBundle({
      db: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.db.http}' }, ports: { http: {} }, readiness: { http: { port: 'http' }, ...QUICK }, restart: { policy: 'unless-stopped' } },
      api: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.api.http}' }, ports: { http: {} }, dependsOn: { db: 'ready' }, readiness: { http: { port: 'http' }, ...QUICK } },
    });
    const first = h.start(sb);
    await first.waitForStates(['db', 'api'], ['ready']);
    await first.act('db', 'stop');
    await first.waitFor('api waits on the held db', (s) => s.api?.state === 'pending' && s.api.pid === null);
    first.signal('SIGINT');
    expect((await first.waitForExit()).code, first.output).toBe(0);

    const second = h.start(sb);
    // Start-up ends (the summary is printed) although db is held and api waits on it.
    await second.waitForOutput(/is up/);
    const held = await second.waitFor('db still held', (s) => s.db?.state === 'stopped' && s.api?.state === 'pending');
    expect(held.db?.reason).toMatch(/unless-stopped/);
    expect(held.api?.reason).toMatch(/^dependency failed: db stopped/);
    expect(await readRunRecords(sb.stateDir, 'db')).toHaveLength(1);

    await second.act('db', 'start');
    await second.waitForStates(['db', 'api'], ['ready']);
    second.signal('SIGINT');
    expect((await second.waitForExit()).code, second.output).toBe(0);

    const third = h.start(sb);
    await third.waitForStates(['db', 'api'], ['ready']);
  });
});
