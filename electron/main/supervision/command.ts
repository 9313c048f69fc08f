// How the supervisor is launched (pure): Electron's own binary as Node (ELECTRON_RUN_AS_NODE=1,
// so the RunAsNode fuse must stay on) running the compiled supervisor in the desktop profile.
import path from 'node:path';

/** A command line plus the environment to run it with. */
export interface SupervisorCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** Where the supervisor, the bundle and the state live for one app instance. */
export interface SupervisorPaths {
  script: string;
  bundle: string;
  stateDir: string;
  /**
   * The packaged app's bundle seeds the installed versions (installed when newer, then the current
   * version runs, across bundle updates); in development the repo's bundle runs as it is.
   */
  seed: boolean;
}

/** Where the app keeps its state, and where the OS says per-user, per-machine data goes. */
export interface StateDirInput {
  /** app.getPath('userData'). */
  userData: string;
  platform?: NodeJS.Platform;
  /** %LOCALAPPDATA% (Windows). */
  localAppData?: string | undefined;
}

/**
 * The state dir: `<userData>/state`; on Windows `%LOCALAPPDATA%\<userData's folder name>\state`,
 * because userData is in the roaming %APPDATA%, and logs, run records, the database and a live
 * control.json belong to this machine (as the supervisor's own default, config/default-state-dir.ts).
 */
export function desktopStateDir(input: StateDirInput): string {
  if (input.platform === 'win32' && input.localAppData !== undefined && input.localAppData !== '') return path.win32.join(input.localAppData, path.win32.basename(input.userData), 'state');
  return path.join(input.userData, 'state');
}

/** Resolves the supervisor script and bundle: the app's resources when packaged, the repo in development. */
export function resolveSupervisorPaths(input: { packaged: boolean; resourcesPath: string; repoRoot: string } & StateDirInput): SupervisorPaths {
  const stateDir = desktopStateDir(input);
  if (input.packaged) {
    return { script: path.join(input.resourcesPath, 'supervisor', 'berth.mjs'), bundle: path.join(input.resourcesPath, 'bundle', 'bundle.json'), stateDir, seed: true };
  }
  return { script: path.join(input.repoRoot, 'dist', 'supervisor', 'berth.mjs'), bundle: path.join(input.repoRoot, 'bundle.json'), stateDir, seed: false };
}

/** Copies the environment minus what must not leak into the supervisor (Electron's own switches, NODE_OPTIONS). */
export function cleanChildEnv(base: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (key.startsWith('ELECTRON_') || key === 'NODE_OPTIONS' || key === 'BERTH_PROFILE') continue;
    env[key] = value;
  }
  return env;
}

/** The supervisor command line: `<runtime> <script> run --profile desktop --bundle|--seed-bundle … --state-dir …`. */
export function buildSupervisorCommand(input: { runtime: string; runAsNode: boolean; paths: SupervisorPaths; baseEnv: Readonly<Record<string, string | undefined>> }): SupervisorCommand {
  const env = cleanChildEnv(input.baseEnv);
  if (input.runAsNode) env.ELECTRON_RUN_AS_NODE = '1';
  return {
    command: input.runtime,
    args: [input.paths.script, 'run', '--profile', 'desktop', input.paths.seed ? '--seed-bundle' : '--bundle', input.paths.bundle, '--state-dir', input.paths.stateDir],
    env,
  };
}
