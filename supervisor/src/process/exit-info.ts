// How a process ended, in one shape for run records, status and restart decisions.

/** Exit of one run: code or signal; `error` when it never started or waiting failed. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: string | null;
  readonly error?: string;
}

/** "exit code 1", "signal SIGKILL", or the spawn error: for reasons shown to people. */
export function describeExit(exit: ProcessExit): string {
  if (exit.error !== undefined) return exit.error;
  if (exit.signal !== null) return `killed by ${exit.signal}`;
  return `exit code ${exit.code ?? '?'}`;
}

/** A clean exit: code 0 and no signal. */
export function isCleanExit(exit: ProcessExit): boolean {
  return exit.code === 0 && exit.signal === null && exit.error === undefined;
}
