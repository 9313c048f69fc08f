// Tasks end to end (DESIGN §4, §12): a `kind: task` is done when it exits 0 and its dependents wait
// for `completed`; a failed task keeps its dependents from starting and fails start-up (exit 1).
import { describe, expect, it } from 'vitest';
import { useBerthHarness } from './helpers/berth-harness.ts';
import { readRunRecords } from './helpers/run-records.ts';
import { nodeFixture } from './helpers/sandbox.ts';

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
