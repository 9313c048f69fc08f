// Tasks end to end (DESIGN §4, §12; issue 4): a `kind: task` is done when it exits 0 and its
// dependents wait for `completed`; a failed task keeps its dependents from starting and fails
// start-up (exit 1); `first-start`/`upgrade` tasks run when they should across restarts of berth,
// and a failed upgrade task gets data/ restored from the backup taken before it ran.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBerthHarness } from './helpers/berth-harness.ts';
import type { BerthRun } from './helpers/berth-run.ts';
import { readRunRecords } from './helpers/run-records.ts';
import { nodeFixture, type Sandbox, type ServiceInput } from './helpers/sandbox.ts';

const h = useBerthHarness();

const QUICK = { interval: '100ms', startTimeout: '30s' } as const;

describe('tasks', () => {
  it('a task completes when it exits 0, and its dependents start only after `completed`', async () => {
    const sb = await h.sandbox('task');
    await sb.writeBundle({
      migrate: { kind: 'task', when: ['always'], command: nodeFixture('exit-zero.mjs'), env: { DELAY_MS: '800' } },
      api: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.api.http}' }, ports: { http: {} }, dependsOn: { migrate: 'completed' }, readiness: { http: { port: 'http' }, ...QUICK } },
    });
    const berth = h.start(sb);
    const early = await berth.waitFor('migrate running', (s) => s.migrate?.state === 'starting');
    expect(early.api).toMatchObject({ state: 'pending', pid: null, waitingOn: ['migrate'] });
    expect(early.api?.reason).toContain('migrate (completed');

    const done = await berth.waitForStates(['migrate', 'api'], ['completed', 'ready']);
    expect(done.migrate).toMatchObject({ state: 'completed', kind: 'task', pid: null, reason: null, lastExit: { code: 0, signal: null } });
    expect(done.api?.state).toBe('ready');
    expect(await sb.markAt('api', 'start')).toBeGreaterThanOrEqual(await sb.markAt('migrate', 'exit'));
    const [run] = await readRunRecords(sb.stateDir, 'migrate');
    expect(run).toMatchObject({ status: 'exited', exitCode: 0 });
    // A completed task is not restarted.
    expect(await readRunRecords(sb.stateDir, 'migrate')).toHaveLength(1);
  });

  it('a failing task fails start-up (exit 1) and its dependents never start', async () => {
    const sb = await h.sandbox('task-fails');
    await sb.writeBundle({
      migrate: { kind: 'task', when: ['always'], command: nodeFixture('exit-zero.mjs'), env: { EXIT_CODE: '3' } },
      api: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.api.http}' }, ports: { http: {} }, dependsOn: { migrate: 'completed' } },
    });
    const berth = h.start(sb);
    const exit = await berth.waitForExit();
    expect(exit.code, berth.output).toBe(1);
    expect(berth.stderr).toContain('start-up failed: migrate: task failed: exit code 3');
    expect(berth.stderr).toContain('migrate | migrate done, exit code 3');
    expect(await readRunRecords(sb.stateDir, 'api')).toEqual([]);
    expect((await sb.marks()).filter((mark) => mark.name === 'api')).toEqual([]);
  });

  it('a task that outlives its timeout is stopped and fails', async () => {
    const sb = await h.sandbox('task-timeout');
    await sb.writeBundle({ seed: { kind: 'task', when: ['always'], command: nodeFixture('exit-zero.mjs'), env: { DELAY_MS: '600000' }, timeout: '1s' } });
    const berth = h.start(sb);
    const exit = await berth.waitForExit();
    expect(exit.code, berth.output).toBe(1);
    expect(berth.stderr).toContain('start-up failed: seed: task failed: timed out after 1000 ms');
    const [run] = await readRunRecords(sb.stateDir, 'seed');
    expect(run).toMatchObject({ status: 'exited', signal: 'SIGTERM' });
  });
});

/** Starts berth, waits until start-up settled (every service up, or a failure), and stops it. */
async function runOnce(start: () => BerthRun, expectUp: readonly string[]): Promise<BerthRun> {
  const berth = start();
  await berth.waitForStates(expectUp, ['ready', 'running', 'completed']);
  berth.signal('SIGINT');
  expect((await berth.waitForExit()).code, berth.output).toBe(0);
  return berth;
}

function app(version: string) {
  return { app: { id: 'dev.berth.e2e', name: 'E2E', version } };
}

async function startCount(sb: Sandbox, name: string): Promise<number> {
  return (await sb.marks()).filter((mark) => mark.name === name && mark.event === 'start').length;
}

describe('first-start and upgrade tasks across restarts of berth', () => {
  it('run on the first start, are skipped on the next, and the upgrade one runs again when app.version changes', async () => {
    const sb = await h.sandbox('task-when');
    const services = (): Record<string, ServiceInput> => ({
      init: { kind: 'task', when: ['first-start'], command: nodeFixture('exit-zero.mjs') },
      migrate: { kind: 'task', when: ['first-start', 'upgrade'], command: nodeFixture('exit-zero.mjs') },
      api: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.api.http}' }, ports: { http: {} }, dependsOn: { init: 'completed', migrate: 'completed' }, readiness: { http: { port: 'http' }, ...QUICK } },
    });
    await sb.writeBundle(services(), app('1.0.0'));
    await runOnce(() => h.start(sb), ['init', 'migrate', 'api']);
    expect([await startCount(sb, 'init'), await startCount(sb, 'migrate'), await startCount(sb, 'api')]).toEqual([1, 1, 1]);

    const second = h.start(sb);
    const skipped = await second.waitForStates(['init', 'migrate', 'api'], ['ready', 'completed']);
    expect(skipped.migrate?.reason).toBe('up to date: completed for version 1.0.0');
    second.signal('SIGINT');
    expect((await second.waitForExit()).code).toBe(0);
    expect([await startCount(sb, 'init'), await startCount(sb, 'migrate'), await startCount(sb, 'api')]).toEqual([1, 1, 2]);

    await sb.writeBundle(services(), app('1.1.0'));
    await runOnce(() => h.start(sb), ['init', 'migrate', 'api']);
    expect([await startCount(sb, 'init'), await startCount(sb, 'migrate'), await startCount(sb, 'api')]).toEqual([1, 2, 3]);
    const backups = (await readdir(sb.stateDir)).filter((entry) => entry.startsWith('data.backup-'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^data\.backup-1\.0\.0-/);
  });

  it('a failed upgrade task: data/ restored from the backup, dependents never start, the error names the backup, exit 1', async () => {
    const sb = await h.sandbox('task-upgrade-fails');
    const services = (content: string, exitCode: string): Record<string, ServiceInput> => ({
      migrate: { kind: 'task', when: ['first-start', 'upgrade'], command: nodeFixture('data-task.mjs'), env: { DATA_FILE: '${dataDir}/db.txt', CONTENT: content, EXIT_CODE: exitCode } },
      api: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.api.http}' }, ports: { http: {} }, dependsOn: { migrate: 'completed' }, readiness: { http: { port: 'http' }, ...QUICK } },
    });
    await sb.writeBundle(services('schema v1', '0'), app('1.0.0'));
    await runOnce(() => h.start(sb), ['migrate', 'api']);
    const dbFile = join(sb.stateDir, 'data', 'db.txt');
    expect(await readFile(dbFile, 'utf8')).toBe('schema v1');

    await sb.writeBundle(services('schema v2, half done', '1'), app('2.0.0'));
    const berth = h.start(sb);
    const exit = await berth.waitForExit();
    expect(exit.code, berth.output).toBe(1);
    // The task did change the data before failing; the copy taken before it ran is back.
    expect(berth.stdout).toContain('wrote schema v2, half done');
    expect(await readFile(dbFile, 'utf8')).toBe('schema v1');
    expect(berth.stderr).toMatch(/start-up failed: migrate: .*data\/ was restored from .*data\.backup-1\.0\.0-/);
    expect(await startCount(sb, 'api')).toBe(1);
    // state.json does not claim the failed upgrade succeeded: the next start runs it again.
    await sb.writeBundle(services('schema v2', '0'), app('2.0.0'));
    await runOnce(() => h.start(sb), ['migrate', 'api']);
    expect(await readFile(dbFile, 'utf8')).toBe('schema v2');
  });
});
