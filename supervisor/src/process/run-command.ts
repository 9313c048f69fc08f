// Runs one of the system tools Berth drives (taskkill, PowerShell, whoami, icacls) and hands back
// what it said; never throws (its callers run it from timers and exit handlers). stdin is closed:
// Windows PowerShell waits for the end of a stdin pipe before it exits.
import { messageOf } from '../errors.ts';

/** How a tool run ended: its exit code (null when it never ran or was killed) and its output. */
export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `file` with `args` (argv, no shell); the seam Windows code is tested through. */
export type CommandRunner = (file: string, args: readonly string[]) => Promise<CommandResult>;

/** A tool gets this long before it is killed. */
const COMMAND_TIMEOUT_MS = 30_000;

/** The real runner (execa, loaded on first use); a tool that cannot start reads as code null. */
export const runCommand: CommandRunner = async (file, args) => {
  try {
    const { execa } = await import('execa');
    const result = await execa(file, [...args], { reject: false, stdin: 'ignore', windowsHide: true, timeout: COMMAND_TIMEOUT_MS, encoding: 'utf8', stripFinalNewline: false });
    // A tool that never started has no exit code; its reason is execa's message (ENOENT…).
    const reason = result.exitCode === undefined && 'shortMessage' in result ? (result.shortMessage ?? '') : '';
    return { code: result.exitCode ?? null, stdout: result.stdout, stderr: result.stderr || reason };
  } catch (error) {
    return { code: null, stdout: '', stderr: messageOf(error) };
  }
};
