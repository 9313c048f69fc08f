// `npm start`: the desktop app when Electron can run here (its binary is installed and there is a
// display); otherwise one line saying why, then the same bundle headless with the dashboard
// (`berth run --dashboard`), so the main job always runs. Exits with the child's exit code.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/**
 * Where the `electron` package's binary is, by the same rules as its index.js (path.txt under
 * dist/, or ELECTRON_OVERRIDE_DIST_PATH) but without its side effect: `require('electron')` starts a
 * download when the binary is missing, which `npm start` must not do on every run.
 */
export function locateElectronBinary(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
  if (!executable) throw new Error('Electron failed to install correctly (node_modules/electron has no binary; `npx install-electron` fetches it)');
  return path.join(packageDir, 'dist', executable);
}

/** Inputs of electronLaunchPlan (injectable for tests). */
export interface LaunchProbe {
  /** The binary's path (locateElectronBinary), or throws "Electron failed to install correctly". */
  resolveElectron: () => string;
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  exists: (file: string) => boolean;
}

/** Either Electron's binary, or the reason it cannot start here. */
export type LaunchPlan = { kind: 'electron'; binary: string } | { kind: 'headless'; reason: string };

/** Decides how `npm start` runs (pure given the probe). */
export function electronLaunchPlan(probe: LaunchProbe): LaunchPlan {
  let binary: string;
  try {
    binary = probe.resolveElectron();
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { kind: 'headless', reason: `the Electron binary is not installed (${message})` };
  }
  if (typeof binary !== 'string' || !probe.exists(binary)) return { kind: 'headless', reason: `the Electron binary is missing (${String(binary)})` };
  if (probe.platform === 'linux' && !probe.env.DISPLAY && !probe.env.WAYLAND_DISPLAY) {
    return { kind: 'headless', reason: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  return { kind: 'electron', binary };
}

/**
 * Runs a child with inherited stdio, forwarding SIGINT/SIGTERM; resolves with the exit code to use.
 * `ownGroup` puts the child in its own process group (POSIX) so a terminal's Ctrl-C reaches it
 * once, through this forwarding, and not twice (`berth run` treats a second Ctrl-C as "kill now").
 */
export function runForwarding(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; ownGroup?: boolean } = {}): Promise<number> {
  return new Promise((resolve) => {
    const detached = Boolean(options.ownGroup) && process.platform !== 'win32';
    // In its own group the child gets a stdin pipe we hold: it closes when this script dies, which
    // `--exit-with-parent` watches (an inherited /dev/null stdin would end at once, e.g. in CI).
    const child = spawn(command, args, { cwd: root, stdio: [detached ? 'pipe' : 'inherit', 'inherit', 'inherit'], env: options.env ?? process.env, detached });
    child.stdin?.on('error', () => undefined);
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    const done = (code: number) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code);
    };
    child.once('error', (error) => {
      console.error(`berth: could not start ${command}: ${error.message}`);
      done(1);
    });
    child.once('exit', (code, signal) => done(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1)));
  });
}

/** Builds dist/ when what `start` needs is missing. */
function ensureBuilt(files: readonly string[]): void {
  if (files.every((file) => existsSync(`${root}${file}`))) return;
  execFileSync(process.execPath, [`${root}scripts/build.ts`], { cwd: root, stdio: 'inherit' });
}

async function main(): Promise<number> {
  const plan = electronLaunchPlan({ resolveElectron: () => locateElectronBinary(), platform: process.platform, env: process.env, exists: existsSync });
  if (plan.kind === 'electron') {
    ensureBuilt(['dist/electron/main.cjs', 'dist/supervisor/berth.mjs']);
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    return runForwarding(plan.binary, ['.'], { env });
  }
  console.log(`berth: Electron cannot start here because ${plan.reason}; running the bundle headless with the dashboard instead.`);
  ensureBuilt(['dist/supervisor/berth.mjs']);
  // Own process group for single Ctrl-C delivery; --exit-with-parent stops it if this script dies.
  return runForwarding(process.execPath, ['dist/supervisor/berth.mjs', 'run', '--dashboard', '--exit-with-parent', '--bundle', 'bundle.json'], { ownGroup: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main();
