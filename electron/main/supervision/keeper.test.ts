import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeSupervisorCommand, killAll, makeTempDir, recordedPids, waitFor, waitGone } from '../../test/helpers.ts';
import { createSupervisorKeeper, type KeeperEvent, type SupervisorKeeper } from './keeper.ts';
import { stopSupervisor } from './quit.ts';
import { spawnSupervisor } from './spawn.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A keeper over the fake supervisor, cleaned up after the test whatever happens. */
async function keeperFor(mode: string, env: Record<string, string> = {}, policy = { baseDelayMs: 50, maxDelayMs: 1_000, maxDeaths: 3, windowMs: 30_000 }) {
  const temp = await makeTempDir('keeper');
  const pidFile = path.join(temp.dir, 'pids');
  const events: KeeperEvent[] = [];
  const keeper: SupervisorKeeper = createSupervisorKeeper({
    policy,
    launch: () => spawnSupervisor({ ...fakeSupervisorCommand(mode, { FAKE_PID_FILE: pidFile, ...env }), handshakeTimeoutMs: 5_000 }),
    onEvent: (event) => events.push(event),
  });
  cleanups.push(async () => {
    await keeper.stop(async (p) => { p.kill('SIGKILL'); await p.exited; });
    killAll(await recordedPids(pidFile));
    await temp.remove();
  });
  return { keeper, events, pidFile };
}

describe('SupervisorKeeper (real child processes)', () => {
  it('restarts a dying supervisor with growing backoff, then reports a crash loop', async () => {
    const { keeper, events, pidFile } = await keeperFor('die-after', { FAKE_DIE_MS: '30' });
    keeper.start();
    await waitFor(() => events.some((e) => e.type === 'failed'), 20_000, 'crash loop');
    const kinds = events.map((e) => e.type);
    expect(kinds).toEqual(['connected', 'died', 'connected', 'died', 'connected', 'died', 'connected', 'failed']);
    expect(events.flatMap((e) => (e.type === 'died' ? [e.restartInMs] : []))).toEqual([50, 100, 200]);
    const failed = events.at(-1);
    expect(failed?.type === 'failed' && failed.error.code).toBe('SUPERVISOR_CRASH_LOOP');
    expect(keeper.state()).toBe('failed');
    await expect(keeper.whenConnected(100)).rejects.toMatchObject({ code: 'SUPERVISOR_CRASH_LOOP' });
    // Four supervisors and their services ran; none is left.
    const pids = await recordedPids(pidFile);
    expect(pids).toHaveLength(8);
    await waitGone(pids);
  });

  it('gives up at once on invalid input (exit code 2) instead of restarting', async () => {
    const { keeper, events } = await keeperFor('exit-early', { FAKE_EXIT_CODE: '2' });
    keeper.start();
    await waitFor(() => events.length > 0, 10_000, 'an event');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'failed', error: { code: 'SUPERVISOR_EXITED', exitCode: 2 } });
  });

  it('gives up at once when start-up fails with exit code 2 after the handshake (a bad bundle found late)', async () => {
    const { keeper, events, pidFile } = await keeperFor('die-after', { FAKE_DIE_MS: '30', FAKE_DIE_CODE: '2' });
    keeper.start();
    await waitFor(() => events.some((e) => e.type === 'failed'), 10_000, 'failed');
    await new Promise((resolve) => setTimeout(resolve, 200)); // a restart would have happened by now
    expect(events.map((e) => e.type)).toEqual(['connected', 'failed']);
    expect(events[1]).toMatchObject({ type: 'failed', error: { code: 'SUPERVISOR_EXITED', exitCode: 2 } });
    await waitGone(await recordedPids(pidFile));
  });

  it('retries a start that crashes before its handshake (exit code 1)', async () => {
    const { keeper, events } = await keeperFor('exit-early', { FAKE_EXIT_CODE: '1' }, { baseDelayMs: 10, maxDelayMs: 100, maxDeaths: 2, windowMs: 30_000 });
    keeper.start();
    await waitFor(() => events.some((e) => e.type === 'failed'), 10_000, 'crash loop');
    expect(events.map((e) => e.type)).toEqual(['died', 'died', 'failed']);
  });

  it('reports a handshake timeout once, without restarting', async () => {
    const temp = await makeTempDir('timeout');
    const pidFile = path.join(temp.dir, 'pids');
    const events: KeeperEvent[] = [];
    const keeper = createSupervisorKeeper({
      launch: () => spawnSupervisor({ ...fakeSupervisorCommand('silent', { FAKE_PID_FILE: pidFile }), handshakeTimeoutMs: 1_500 }),
      onEvent: (event) => events.push(event),
    });
    try {
      keeper.start();
      await waitFor(() => events.length > 0, 5_000, 'an event');
      expect(events).toMatchObject([{ type: 'failed', error: { code: 'HANDSHAKE_TIMEOUT' } }]);
      await waitGone(await recordedPids(pidFile));
    } finally {
      killAll(await recordedPids(pidFile));
      await temp.remove();
    }
  });

  it('stops without restarting: POST /shutdown, the supervisor exits, nothing survives', async () => {
    const { keeper, events, pidFile } = await keeperFor('ok');
    keeper.start();
    const proc = await keeper.whenConnected(5_000);
    const { createHttpRuntimeClient } = await import('../client/http-client.ts');
    const outcomes: string[] = [];
    await keeper.stop(async (p) => {
      outcomes.push(await stopSupervisor(p, { requestShutdown: () => createHttpRuntimeClient(p.connection).shutdown(), graceMs: 5_000 }));
    });
    expect(outcomes).toEqual(['graceful']);
    expect(proc.hasExited()).toBe(true);
    expect(keeper.state()).toBe('stopped');
    expect(events.map((e) => e.type)).toEqual(['connected']);
    await waitGone(await recordedPids(pidFile));
  });
});
