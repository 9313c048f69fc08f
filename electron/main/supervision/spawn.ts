// Starts one supervisor process and waits for its handshake. The caller passes the command and
// environment (Electron-as-Node in the app, plain Node in tests); stdin stays an open pipe so the
// supervisor notices when this process dies.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ControlReady } from '../../../supervisor/src/control/contract.ts';
import { messageOf } from '../../../supervisor/src/control/client/index.ts';
import { ShellError } from '../../ipc/errors.ts';
import type { SupervisorCommand } from './command.ts';
import { readHandshake } from './handshake.ts';

/** How a process ended. */
export interface ExitResult {
  code: number | null;
  signal: string | null;
}

/** A running supervisor whose control API answered the handshake. */
export interface SupervisorProcess {
  readonly pid: number;
  readonly connection: ControlReady;
  /** Settles once when the process exits (never rejects). */
  readonly exited: Promise<ExitResult>;
  /** Whether it has exited already. */
  hasExited(): boolean;
  /** Sends a signal (no-op once exited). */
  kill(signal: NodeJS.Signals): void;
}

/** Options of spawnSupervisor. */
export interface SpawnSupervisorOptions extends SupervisorCommand {
  cwd?: string;
  handshakeTimeoutMs: number;
  /** The supervisor's stderr, one line at a time (it goes to the desktop log). */
  onStderrLine?: (line: string) => void;
  /** Stdout lines that are not the handshake. */
  onStdoutLine?: (line: string) => void;
  /** Where to look when it fails, appended to error messages. */
  hint?: string;
}

/** Spawns the supervisor and resolves once its handshake arrives; on failure nothing is left running. */
export async function spawnSupervisor(options: SpawnSupervisorOptions): Promise<SupervisorProcess> {
  let child: ChildProcess;
  try {
    child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  } catch (error) {
    throw new ShellError('SPAWN_FAILED', `Could not start the supervisor: ${messageOf(error)}`, { cause: error });
  }
  let exitResult: ExitResult | null = null;
  const exited = new Promise<ExitResult>((resolve) => {
    child.once('exit', (code, signal) => {
      exitResult = { code, signal };
      resolve(exitResult);
    });
  });
  const spawnError = new Promise<never>((_resolve, reject) => {
    child.once('error', (error) => {
      // A process that never started never exits: settle `exited` here.
      exitResult ??= { code: null, signal: null };
      reject(new ShellError('SPAWN_FAILED', `Could not start the supervisor: ${error.message}`, { cause: error }));
    });
  });
  // Ignore EPIPE once the child is gone; stdin exists only so the child can watch it close.
  child.stdin?.on('error', () => undefined);
  if (child.stderr) createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) => options.onStderrLine?.(line));
  // Output flushed just before exit still counts: settle "exited" for the handshake after stdout ends.
  const stdoutDone = new Promise<void>((resolve) => child.stdout?.once('close', () => resolve()));
  const exitedForHandshake = exited.then(async (result) => {
    await Promise.race([stdoutDone, new Promise((resolve) => setTimeout(resolve, 500))]);
    return result;
  });
  const kill = (signal: NodeJS.Signals) => {
    if (exitResult === null) child.kill(signal);
  };
  try {
    if (!child.stdout) throw new ShellError('SPAWN_FAILED', 'The supervisor has no stdout pipe');
    const connection = await Promise.race([
      readHandshake(child.stdout, { timeoutMs: options.handshakeTimeoutMs, exited: exitedForHandshake, onOtherLine: options.onStdoutLine, hint: options.hint }),
      spawnError,
    ]);
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split(/\r?\n/)) if (line) options.onStdoutLine?.(line);
    });
    return { pid: child.pid ?? connection.pid, connection, exited, hasExited: () => exitResult !== null, kill };
  } catch (error) {
    if (exitResult === null) {
      kill('SIGKILL');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    }
    throw error;
  }
}
