// One launch attempt of the supervisor for the app: command line (Electron-as-Node by default,
// injectable for tests), spawn, handshake, stderr into the log.
import type { SupervisorCommand, SupervisorPaths } from '../supervision/command.ts';
import { buildSupervisorCommand } from '../supervision/command.ts';
import { spawnSupervisor, type SupervisorProcess } from '../supervision/spawn.ts';
import type { Logger } from '../logging.ts';

/** Options of createLauncher. */
export interface LauncherOptions {
  paths: SupervisorPaths;
  /** Electron's binary; the supervisor runs on it with ELECTRON_RUN_AS_NODE=1. */
  execPath: string;
  /** Replaces the command (tests: plain Node on a fixture or the compiled supervisor). */
  command?: (paths: SupervisorPaths) => SupervisorCommand;
  handshakeTimeoutMs: number;
  logFile: string;
  log: Logger;
  cwd?: string;
}

/** Returns the launch function the keeper calls for every (re)start. */
export function createLauncher(options: LauncherOptions): () => Promise<SupervisorProcess> {
  return () => {
    const command = options.command
      ? options.command(options.paths)
      : buildSupervisorCommand({ runtime: options.execPath, runAsNode: true, paths: options.paths, baseEnv: process.env });
    options.log.info(`starting the supervisor: ${command.command} ${command.args.join(' ')}`);
    return spawnSupervisor({
      ...command,
      cwd: options.cwd,
      handshakeTimeoutMs: options.handshakeTimeoutMs,
      hint: `See ${options.logFile}.`,
      onStderrLine: (line) => options.log.info(`[supervisor] ${line}`),
      onStdoutLine: (line) => options.log.warn(`[supervisor stdout] ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`),
    });
  };
}
