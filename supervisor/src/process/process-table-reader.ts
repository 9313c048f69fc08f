// Reads Windows' process table through one PowerShell/CIM query per batch: every caller within
// TABLE_WINDOW_MS of the first shares its answer (services start one per loop turn, a level's
// exits come together, and the reaper asks about every record at once), as the macOS `ps` batch
// does for start times (runs/process-info.ts). A query that fails reads as an empty table.
import { parseProcessTable, PROCESS_TABLE_SCRIPT, type WindowsProcessRow } from './process-table.ts';
import { runCommand, type CommandRunner } from './run-command.ts';
import { powershellArgs, powershellPath } from './windows-commands.ts';

/** How long a caller waits for others to share its query. */
export const TABLE_WINDOW_MS = 25;

/** Reads the table (shared by the callers of one window). */
export type ProcessTableReader = () => Promise<readonly WindowsProcessRow[]>;

/** A reader running PowerShell through `run` (the real one by default). */
export function createProcessTableReader(run: CommandRunner = runCommand, windowMs = TABLE_WINDOW_MS): ProcessTableReader {
  let pending: Promise<readonly WindowsProcessRow[]> | null = null;
  return () => {
    pending ??= new Promise<void>((resolve) => setTimeout(resolve, windowMs)).then(async () => {
      pending = null;
      return parseProcessTable((await run(powershellPath(), powershellArgs(PROCESS_TABLE_SCRIPT))).stdout);
    });
    return pending;
  };
}

/** The process's shared reader. */
export const readProcessTable: ProcessTableReader = createProcessTableReader();
