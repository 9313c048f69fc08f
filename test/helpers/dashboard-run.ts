// Runs the built supervisor with `berth run --dashboard` on a fixture bundle for the browser
// tests: a temporary state dir, the login URL (from control.json as soon as the control API is
// up, so start-up can be watched live), and a stop that waits for the process to exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ControlFile } from '../../supervisor/src/control/contract.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The built supervisor (npm run build makes it, with dist/renderer beside it). */
export const BERTH_BIN = join(root, 'dist/supervisor/berth.mjs');

/** A running `berth run --dashboard`. */
export interface DashboardRun {
  child: ChildProcess;
  stateDir: string;
  /** Control API origin, e.g. http://127.0.0.1:47000 */
  url: string;
  token: string;
  /** `${url}/?token=${token}`: the one-time login URL the CLI prints. */
  loginUrl: string;
  /** Everything printed so far. */
  output: () => string;
  /** SIGTERM, wait for exit (SIGKILL after `graceMs`), remove the state dir; returns the exit code. */
  stop: (graceMs?: number) => Promise<number | null>;
}

/** Starts the supervisor on `bundle` and waits until its control API is up. */
export async function startDashboardRun(bundle: string, timeoutMs = 20_000): Promise<DashboardRun> {
  const stateDir = await mkdtemp(join(tmpdir(), 'berth-dashboard-browser-'));
  const child = spawn(process.execPath, [BERTH_BIN, 'run', '--dashboard', '--bundle', bundle, '--state-dir', stateDir], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, BERTH_PROFILE: 'headless', NO_COLOR: '1' },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const control = await waitForControlFile(join(stateDir, 'control.json'), timeoutMs, () => child.exitCode !== null, () => output);
  const stop = async (graceMs = 15_000) => {
    if (child.exitCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const code = await exited;
    clearTimeout(timer);
    await rm(stateDir, { recursive: true, force: true });
    return code;
  };
  return { child, stateDir, url: control.url, token: control.token, loginUrl: `${control.url}/?token=${control.token}`, output: () => output, stop };
}

async function waitForControlFile(file: string, timeoutMs: number, exited: () => boolean, output: () => string): Promise<ControlFile> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`berth run exited before its control API was up:\n${output()}`);
    if (existsSync(file)) {
      const parsed = ControlFile.safeParse(JSON.parse(await readFile(file, 'utf8').catch(() => 'null')));
      if (parsed.success) return parsed.data;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no control.json after ${timeoutMs} ms:\n${output()}`);
}

/** True when a process with this pid still exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
