import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeSupervisorCommand, isAlive, killAll, makeTempDir, recordedPids, waitGone } from '../../test/helpers.ts';
import { createHttpRuntimeClient } from '../client/http-client.ts';
import { stopSupervisor } from './quit.ts';
import { spawnSupervisor } from './spawn.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(mode: string) {
  const temp = await makeTempDir('quit');
  const pidFile = path.join(temp.dir, 'pids');
  cleanups.push(async () => {
    killAll(await recordedPids(pidFile));
    await temp.remove();
  });
  const proc = await spawnSupervisor({ ...fakeSupervisorCommand(mode, { FAKE_PID_FILE: pidFile }), handshakeTimeoutMs: 5_000 });
  const pids = await recordedPids(pidFile);
  expect(pids.every(isAlive)).toBe(true);
  return { proc, pids, client: createHttpRuntimeClient(proc.connection) };
}

describe('stopSupervisor (real child processes)', () => {
  it('shuts down gracefully through POST /shutdown', async () => {
    const { proc, pids, client } = await start('ok');
    await expect(stopSupervisor(proc, { requestShutdown: () => client.shutdown(), graceMs: 5_000 })).resolves.toBe('graceful');
    await waitGone(pids);
  });

  it('sends SIGTERM when /shutdown cannot be reached', async () => {
    const { proc, pids } = await start('ok');
    const log: string[] = [];
    const outcome = await stopSupervisor(proc, { requestShutdown: () => Promise.reject(new Error('connection refused')), graceMs: 5_000, log: (m) => log.push(m) });
    expect(outcome).toBe('terminated');
    expect(log[0]).toContain('connection refused');
    await waitGone(pids);
  });

  it('kills a supervisor that ignores /shutdown and SIGTERM, and the services it left', async () => {
    const { proc, pids, client } = await start('stubborn');
    const status = await client.status();
    const servicePids = status.services.flatMap((s) => (s.pid === null ? [] : [s.pid]));
    const outcome = await stopSupervisor(proc, { requestShutdown: () => client.shutdown(), graceMs: 300, leftoverPids: () => servicePids });
    expect(outcome).toBe('killed');
    await waitGone(pids);
  });

  it('does nothing for a supervisor that already exited', async () => {
    const { proc, pids } = await start('ok');
    proc.kill('SIGTERM');
    await proc.exited;
    await expect(stopSupervisor(proc, { requestShutdown: () => Promise.resolve(), graceMs: 100 })).resolves.toBe('already-exited');
    await waitGone(pids);
  });
});
