// s6 under test: `s6-svscan <scandir>` over generated service directories (each with an s6-log
// logger); SIGTERM to s6-svscan brings every service down (timeout-kill = grace) and exits.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { killQuietly } from '../lib/cleanup.ts';
import { commOf, descendantsOf } from '../lib/proc.ts';
import { spawnLogged, within } from '../lib/spawn.ts';
import type { PeerDriver, PeerHandle, StartRequest } from './driver.ts';
import { s6ScanFiles } from './s6-config.ts';

/** s6 as a peer; `timestamp: true` gives s6-log the `T` directive (ISO 8601 time per line). */
export function makeS6Driver(options: { timestamp?: boolean } = {}): PeerDriver {
  return { name: 's6', start: (request) => startS6(request, options) };
}

/** s6 as a peer (s6-log without timestamps). */
export const s6Driver: PeerDriver = makeS6Driver();

function startS6(request: StartRequest, options: { timestamp?: boolean }): Promise<PeerHandle> {
  const scan = join(request.dir, 'scan');
  const logs = join(request.dir, 'logs');
  mkdirSync(logs, { recursive: true });
  for (const file of s6ScanFiles(request.scenario, logs, options)) {
    const path = join(scan, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    chmodSync(path, file.mode);
  }
  const spawned = spawnLogged('s6-svscan', [scan], { env: request.env, cwd: request.dir, logFile: join(request.dir, 's6-svscan.out') });
  const destroy = async () => {
    if (spawned.hasExited()) return;
    killQuietly(spawned.pid, 'SIGTERM');
    if (!(await within(spawned.exited, 10_000))) killQuietly(spawned.pid, 'SIGKILL');
  };
  request.cleanup.add('s6', destroy);
  return Promise.resolve({
    name: 's6',
    // s6-svscan, every s6-supervise and every s6-log (the loggers are s6's log capture).
    supervisorPids: () => Promise.resolve([spawned.pid, ...descendantsOf(spawned.pid).filter((pid) => commOf(pid).startsWith('s6-'))]),
    async shutdown(timeoutMs) {
      killQuietly(spawned.pid, 'SIGTERM');
      if (!(await within(spawned.exited, timeoutMs))) throw new Error(`s6-svscan did not exit within ${timeoutMs} ms of SIGTERM`);
    },
    destroy,
  });
}
