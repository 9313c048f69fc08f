// supervisord under test: `supervisord -c <generated conf>` in the foreground; SIGTERM stops it
// (it stops every program, waiting up to stopwaitsecs, then exits).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { killQuietly } from '../lib/cleanup.ts';
import { allocatePorts } from '../lib/ports.ts';
import { spawnLogged, within } from '../lib/spawn.ts';
import type { PeerDriver, PeerHandle, StartRequest } from './driver.ts';
import { supervisordConf } from './supervisord-config.ts';

/** supervisord's handle plus its XML-RPC endpoint. */
export interface SupervisordHandle extends PeerHandle {
  readonly rpcUrl: string;
}

/** Starts supervisord on a scenario. */
export async function startSupervisord(request: StartRequest): Promise<SupervisordHandle> {
  mkdirSync(join(request.dir, 'logs'), { recursive: true });
  const [rpcPort = 0] = await allocatePorts(1);
  const conf = join(request.dir, 'supervisord.conf');
  writeFileSync(conf, supervisordConf(request.scenario, { dir: request.dir, rpcPort }));
  const spawned = spawnLogged('supervisord', ['-c', conf], { env: request.env, cwd: request.dir, logFile: join(request.dir, 'supervisord.out') });
  const destroy = async () => {
    if (spawned.hasExited()) return;
    killQuietly(spawned.pid, 'SIGTERM');
    if (!(await within(spawned.exited, 10_000))) killQuietly(spawned.pid, 'SIGKILL');
  };
  request.cleanup.add('supervisord', destroy);
  return {
    name: 'supervisord',
    rpcUrl: `http://127.0.0.1:${rpcPort}/RPC2`,
    supervisorPids: () => Promise.resolve([spawned.pid]),
    async shutdown(timeoutMs) {
      killQuietly(spawned.pid, 'SIGTERM');
      if (!(await within(spawned.exited, timeoutMs))) throw new Error(`supervisord did not exit within ${timeoutMs} ms of SIGTERM`);
    },
    destroy,
  };
}

/** supervisord as a generic peer. */
export const supervisordDriver: PeerDriver = { name: 'supervisord', start: startSupervisord };
