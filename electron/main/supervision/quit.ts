// The quit sequence for one supervisor: ask it to shut down (POST /shutdown with the token), wait
// for it to exit, and kill it only as a last resort; then kill any service pid it left behind.
import { messageOf } from '../../../supervisor/src/control/client/index.ts';
import type { SupervisorProcess } from './spawn.ts';

/** Options of stopSupervisor. */
export interface StopSupervisorOptions {
  /** POST /shutdown; may reject (the process is then terminated instead). */
  requestShutdown: () => Promise<void>;
  /** How long a graceful shutdown may take before SIGKILL (services get their own grace inside). */
  graceMs: number;
  /** Ceiling on the /shutdown request itself. */
  requestTimeoutMs?: number;
  /** Pids of services last seen running: killed if the supervisor had to be killed. */
  leftoverPids?: () => readonly number[];
  log?: (message: string) => void;
}

/** How the supervisor ended. */
export type StopOutcome = 'already-exited' | 'graceful' | 'terminated' | 'killed';

const waitFor = <T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error: unknown) => { clearTimeout(timer); reject(error); },
    );
  });

/** Sends SIGKILL to a pid, ignoring "no such process". */
export function killPid(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Stops one supervisor; resolves once it has exited (always, within graceMs + a few seconds). */
export async function stopSupervisor(supervisor: SupervisorProcess, options: StopSupervisorOptions): Promise<StopOutcome> {
  const log = options.log ?? (() => undefined);
  if (supervisor.hasExited()) return 'already-exited';
  let outcome: StopOutcome = 'graceful';
  try {
    const answered = await waitFor(options.requestShutdown(), options.requestTimeoutMs ?? 3_000);
    if (answered === 'timeout') throw new Error('no answer to POST /shutdown');
  } catch (error) {
    log(`POST /shutdown failed (${messageOf(error)}); sending SIGTERM`);
    outcome = 'terminated';
    supervisor.kill('SIGTERM');
  }
  if ((await waitFor(supervisor.exited, options.graceMs)) !== 'timeout') return outcome;
  log(`the supervisor did not exit within ${options.graceMs} ms; killing it`);
  supervisor.kill('SIGKILL');
  await waitFor(supervisor.exited, 5_000);
  for (const pid of options.leftoverPids?.() ?? []) killPid(pid);
  return 'killed';
}
