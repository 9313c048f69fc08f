// The Notes app (the repo's bundle: db, migrate, api, ui) moving to another installed version
// while it runs — POST /updates/apply → every service of the new version up — against the floor
// a person has without a hand-off: stop the supervisor and start it again on the same version,
// until every service is up. Two versions of the same build are installed once (1.0.0, 1.0.1);
// each run hands off to the other one, then restarts on it, back to back, so the pair sees the
// same machine. The hand-off includes what a version change does (the data/ backup and the
// migrate task, which an upgrade runs); the restart of the same version runs neither.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeNotesVersion } from '../../test/helpers/notes-versions.ts';
import { killQuietly } from '../lib/cleanup.ts';
import type { BenchContext } from '../lib/context.ts';
import { httpGet, httpPost, pollUntil } from '../lib/poll.ts';
import { runLogged, spawnLogged, within } from '../lib/spawn.ts';
import { berthCli, type BerthControl } from '../peers/berth-driver.ts';

/** What the hand-off figure measured, run by run. */
export interface HandoffData {
  /** POST /updates/apply → the new version's services all up (ms). */
  readonly handoff: number[];
  /** SIGTERM to the supervisor → a new supervisor on the same version with all services up (ms). */
  readonly restart: number[];
}

const UP = new Set(['ready', 'running', 'completed']);
const VERSIONS = ['1.0.0', '1.0.1'] as const;

/** The control API of the supervisor that runs the state dir now. */
function readControl(stateDir: string): BerthControl | null {
  const file = join(stateDir, 'control.json');
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as BerthControl & { pid: number };
    return { url: parsed.url, token: parsed.token };
  } catch {
    return null; // being written
  }
}

/** Polls until the supervisor of `stateDir` runs `version` with every service up; resolves with performance.now(). */
async function waitAllUp(stateDir: string, version: string, timeoutMs: number, pid: number): Promise<number> {
  let at = 0;
  await pollUntil(
    async () => {
      const control = readControl(stateDir);
      if (control === null) return false;
      const status = await httpGet(`${control.url}/status`, control.token).catch(() => null);
      if (status?.status !== 200) return false;
      const body = JSON.parse(status.body) as { supervisor: { pid: number }; app: { version: string }; services: Array<{ state: string }> };
      if (body.app.version !== version || body.supervisor.pid !== pid) return false;
      if (!body.services.every((service) => UP.has(service.state))) return false;
      at = performance.now();
      return true;
    },
    timeoutMs,
    5,
    `Notes ${version} all up`,
  );
  return at;
}

/** Installs the two versions, runs Notes, then measures `runs` pairs of hand-off and restart. */
export async function measureHandoff(ctx: BenchContext, runs: number, markS: number): Promise<HandoffData> {
  const data: HandoffData = { handoff: [], restart: [] };
  const dir = ctx.newDir('handoff-notes');
  const stateDir = join(dir, 'state');
  const env = { ...ctx.env, BERTH_STATE_DIR: stateDir };
  for (const [index, version] of VERSIONS.entries()) {
    const folder = await writeNotesVersion(dir, { version });
    const code = await runLogged(process.execPath, [berthCli(), 'bundle', 'install', folder, '--state-dir', stateDir, ...(index === 0 ? [] : ['--no-activate'])], { env, cwd: dir, logFile: join(dir, 'install.out') });
    if (code !== 0) throw new Error(`berth bundle install ${version} exited ${String(code)} (see ${join(dir, 'install.out')})`);
  }
  const start = () => {
    rmSync(join(stateDir, 'control.json'), { force: true });
    const spawned = spawnLogged(process.execPath, [berthCli(), 'run', '--state-dir', stateDir], { env, cwd: dir, logFile: join(dir, 'berth.out') });
    ctx.cleanup.add('berth (handoff)', async () => {
      if (spawned.hasExited()) return;
      killQuietly(spawned.pid, 'SIGTERM');
      if (!(await within(spawned.exited, 10_000))) killQuietly(spawned.pid, 'SIGKILL');
    });
    return spawned;
  };
  let running = start();
  let version: string = VERSIONS[0];
  await waitAllUp(stateDir, version, 60_000, running.pid);
  for (let run = 0; run < runs && (run === 0 || !ctx.pastMark(markS)); run++) {
    const next = version === VERSIONS[0] ? VERSIONS[1] : VERSIONS[0];
    const control = readControl(stateDir);
    if (control === null) throw new Error('no control.json while Notes runs');
    const appliedAt = performance.now();
    const applied = await httpPost(`${control.url}/updates/apply`, JSON.stringify({ version: next }), 'application/json', undefined, control.token);
    if (applied.status !== 200 && applied.status !== 202) throw new Error(`POST /updates/apply answered ${applied.status}: ${applied.body}`);
    data.handoff.push((await waitAllUp(stateDir, next, 120_000, running.pid)) - appliedAt);
    version = next;
    // The same version, stopped and started again.
    const stopAt = performance.now();
    killQuietly(running.pid, 'SIGTERM');
    if (!(await within(running.exited, 60_000))) throw new Error('berth did not stop within 60 s of SIGTERM');
    running = start();
    data.restart.push((await waitAllUp(stateDir, version, 60_000, running.pid)) - stopAt);
    ctx.log(`  Notes ${version}: hand-off ${data.handoff.at(-1)?.toFixed(0)} ms, stop + start ${data.restart.at(-1)?.toFixed(0)} ms`);
  }
  killQuietly(running.pid, 'SIGTERM');
  await within(running.exited, 30_000);
  return data;
}
