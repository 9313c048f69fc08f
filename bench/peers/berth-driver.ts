// Berth under test: `node dist/supervisor/berth.mjs run --bundle … --state-dir …` (headless), or
// as the desktop app runs it (`--profile desktop`: no terminal echo, a handshake line on stdout,
// and it stops when its parent goes away, so its stdin is a pipe the harness keeps open).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killQuietly } from '../lib/cleanup.ts';
import { pollUntil } from '../lib/poll.ts';
import { spawnLogged, within } from '../lib/spawn.ts';
import { berthBundle } from './berth-config.ts';
import type { PeerDriver, PeerHandle, StartRequest } from './driver.ts';

/** The compiled CLI of this checkout. */
export const BERTH_CLI = fileURLToPath(new URL('../../dist/supervisor/berth.mjs', import.meta.url));

/** The CLI under test: this checkout's, or another build's (BENCH_BERTH_CLI, for A/B runs: bench/ab.ts). */
export function berthCli(): string {
  return process.env.BENCH_BERTH_CLI ?? BERTH_CLI;
}

/** Where the control API of a running Berth is. */
export interface BerthControl {
  readonly url: string;
  readonly token: string;
}

/** A Berth run: the generic handle plus its control API. */
export interface BerthHandle extends PeerHandle {
  readonly pid: number;
  control(timeoutMs?: number): Promise<BerthControl>;
}

/** True when a generic handle is Berth's (it has the control API). */
export function isBerthHandle(handle: PeerHandle): handle is BerthHandle {
  return handle.name === 'berth' && 'control' in handle;
}

/** The profiles the bench runs Berth in. */
export type BerthProfile = 'headless' | 'desktop';

/** The arguments of `berth.mjs` for one run. Pure. */
export function berthRunArgs(bundlePath: string, stateDir: string, profile: BerthProfile, extraArgs: readonly string[] = []): string[] {
  return ['run', '--bundle', bundlePath, '--state-dir', stateDir, ...(profile === 'desktop' ? ['--profile', 'desktop'] : []), ...extraArgs];
}

/** Starts Berth on a scenario; `extraArgs` are added to `berth run`. */
export async function startBerth(request: StartRequest, extraArgs: readonly string[] = [], profile: BerthProfile = 'headless'): Promise<BerthHandle> {
  const bundlePath = join(request.dir, 'bundle.json');
  const stateDir = join(request.dir, 'state');
  writeFileSync(bundlePath, JSON.stringify(berthBundle(request.scenario, [40_000, 40_999]), null, 2));
  // Desktop: stdin is a pipe held open for the whole run (its end would stop Berth).
  const spawned = spawnLogged(process.execPath, [berthCli(), ...berthRunArgs(bundlePath, stateDir, profile, extraArgs)], { env: request.env, cwd: request.dir, logFile: join(request.dir, 'berth.out'), stdin: profile === 'desktop' ? 'pipe' : 'ignore' });
  const destroy = async () => {
    if (spawned.hasExited()) return;
    killQuietly(spawned.pid, 'SIGTERM');
    if (!(await within(spawned.exited, 5000))) killQuietly(spawned.pid, 'SIGKILL');
  };
  request.cleanup.add('berth', destroy);
  let control: BerthControl | null = null;
  const controlFile = join(stateDir, 'control.json');
  return {
    name: 'berth',
    pid: spawned.pid,
    supervisorPids: () => Promise.resolve([spawned.pid]),
    async control(timeoutMs = 30_000) {
      if (control !== null) return control;
      await pollUntil(() => existsSync(controlFile), timeoutMs, 2, 'berth control.json');
      const parsed = JSON.parse(readFileSync(controlFile, 'utf8')) as BerthControl;
      control = { url: parsed.url, token: parsed.token };
      return control;
    },
    async shutdown(timeoutMs) {
      killQuietly(spawned.pid, 'SIGTERM');
      if (!(await within(spawned.exited, timeoutMs))) throw new Error(`berth did not exit within ${timeoutMs} ms of SIGTERM`);
    },
    destroy,
  };
}

/** Berth as a generic peer (headless profile). */
export const berthDriver: PeerDriver = { name: 'berth', start: (request) => startBerth(request) };

/** Berth in the desktop profile, as the desktop app spawns it (log files only, no echo). */
export const berthDesktopDriver: PeerDriver = { name: 'berth', start: (request) => startBerth(request, [], 'desktop') };
