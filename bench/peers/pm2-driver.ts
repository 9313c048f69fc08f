// pm2 under test: a private PM2_HOME per run, `pm2 start ecosystem.json` from cold (the CLI
// spawns the daemon), `pm2 kill` to stop (what a person runs; it stops apps two at a time).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killQuietly } from '../lib/cleanup.ts';
import { isAlive, waitAllGone } from '../lib/proc.ts';
import { pollUntil } from '../lib/poll.ts';
import { runLogged, spawnLogged } from '../lib/spawn.ts';
import type { PeerDriver, PeerHandle, StartRequest } from './driver.ts';
import { pm2Ecosystem } from './pm2-config.ts';

/** pm2's CLI script (run with the bench's own Node). */
export const PM2_CLI = fileURLToPath(new URL('../../node_modules/pm2/bin/pm2', import.meta.url));

/**
 * The environment of every pm2 command of one run (the CLI passes it on to the daemon it spawns).
 * PM2_KILL_SIGNAL: pm2 stops apps with SIGINT unless told otherwise (constants.js; pm2 7 has no
 * per-app setting); the other supervisors send SIGTERM, so pm2 is told to send SIGTERM too.
 */
export function pm2Env(base: NodeJS.ProcessEnv, home: string): NodeJS.ProcessEnv {
  return { ...base, PM2_HOME: home, PM2_DISCRETE_MODE: 'true', PM2_SILENT: 'true', PM2_KILL_SIGNAL: 'SIGTERM' };
}

/** Reads the daemon pid from PM2_HOME/pm2.pid (null until it exists). */
export function pm2DaemonPid(home: string): number | null {
  const file = join(home, 'pm2.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Stops every app and the daemon of PM2_HOME `home`. */
export async function pm2Kill(home: string, env: NodeJS.ProcessEnv, cwd: string): Promise<void> {
  const daemon = pm2DaemonPid(home);
  await runLogged(process.execPath, [PM2_CLI, 'kill'], { env: pm2Env(env, home), cwd, logFile: join(cwd, 'pm2-kill.out'), timeoutMs: 120_000 });
  if (daemon !== null && isAlive(daemon)) {
    await waitAllGone([daemon], 5000).catch(() => killQuietly(daemon, 'SIGKILL'));
  }
}

/** pm2 as a peer; `time: true` makes it timestamp every log line (the ecosystem's `time`). */
export function makePm2Driver(options: { time?: boolean } = {}): PeerDriver {
  return { name: 'pm2', start: (request) => startPm2(request, options) };
}

/** pm2 as a peer (no log timestamps, pm2's default). */
export const pm2Driver: PeerDriver = makePm2Driver();

async function startPm2(request: StartRequest, options: { time?: boolean }): Promise<PeerHandle> {
  const home = join(request.dir, 'pm2-home');
  const logs = join(request.dir, 'logs');
  mkdirSync(home, { recursive: true });
  mkdirSync(logs, { recursive: true });
  const ecosystem = join(request.dir, 'ecosystem.json');
  writeFileSync(ecosystem, JSON.stringify(pm2Ecosystem(request.scenario, logs, options), null, 2));
  let killed = false;
  const destroy = async () => {
    if (killed) return;
    killed = true;
    await pm2Kill(home, request.env, request.dir);
  };
  request.cleanup.add('pm2', destroy);
  spawnLogged(process.execPath, [PM2_CLI, 'start', ecosystem], { env: pm2Env(request.env, home), cwd: request.dir, logFile: join(request.dir, 'pm2-start.out') });
  const daemonPid = async () => {
    await pollUntil(() => pm2DaemonPid(home) !== null, 30_000, 5, 'pm2 daemon pid file');
    return pm2DaemonPid(home) ?? 0;
  };
  return {
    name: 'pm2',
    supervisorPids: async () => [await daemonPid()],
    async shutdown() {
      killed = true;
      await pm2Kill(home, request.env, request.dir);
    },
    destroy,
  };
}
