// What happens after a service's process ends (DESIGN §4, §12). Pure: the caller passes the
// clock and the history; the scheduler (the service runner) carries the decision out.
import type { ProcessExit } from '../process/exit-info.ts';
import { describeExit, isCleanExit } from '../process/exit-info.ts';
import type { RestartSpec } from '../manifest/schema.ts';
import { formatDurationMs } from '../manifest/duration.ts';
import { backoffDelayMs } from './backoff.ts';

/** Why the process ended, as the runner saw it. */
export type EndCause = 'exited' | 'liveness-failed' | 'start-timeout';

/** The decision. `give-up` = crash loop or policy says failed; `stay-down` = not restarted, not a failure. */
export type RestartDecision =
  | { readonly action: 'restart'; readonly delayMs: number; readonly attempt: number; readonly reason: string }
  | { readonly action: 'give-up'; readonly reason: string }
  | { readonly action: 'stay-down'; readonly reason: string };

/** Inputs of one decision. */
export interface RestartInput {
  readonly spec: RestartSpec;
  readonly exit: ProcessExit;
  readonly cause: EndCause;
  /** End times (ms) of earlier counted ends still inside the window, oldest first. */
  readonly recentEnds: readonly number[];
  /** Consecutive restarts since the service last stayed up for `resetAfter`. */
  readonly attempt: number;
  readonly nowMs: number;
  readonly random?: () => number;
}

function describeEnd(input: RestartInput): string {
  if (input.cause === 'liveness-failed') return 'liveness probe failed';
  if (input.cause === 'start-timeout') return 'not ready within its start timeout';
  return `exited (${describeExit(input.exit)})`;
}

/** Ends inside the crash-loop window, including this one. */
export function countEndsInWindow(recentEnds: readonly number[], nowMs: number, windowMs: number): number {
  return recentEnds.filter((at) => nowMs - at <= windowMs).length + 1;
}

/** Decides restart, give-up (crash loop) or stay-down for one end of a long-lived service. */
export function decideRestart(input: RestartInput): RestartDecision {
  const { spec, exit, cause } = input;
  const clean = cause === 'exited' && isCleanExit(exit);
  const end = describeEnd(input);
  // Liveness failures restart under every policy but never (as Kubernetes does).
  if (spec.policy === 'never') return clean ? { action: 'stay-down', reason: end } : { action: 'give-up', reason: `${end}; restart policy is "never"` };
  if (spec.policy === 'on-failure' && clean) return { action: 'stay-down', reason: `${end}; restart policy "on-failure" does not restart a clean exit` };
  const ends = countEndsInWindow(input.recentEnds, input.nowMs, spec.window);
  if (ends > spec.maxRestarts) {
    return { action: 'give-up', reason: `crash loop: ${ends} exits in ${formatDurationMs(spec.window)}, last ${cause === 'exited' ? describeExit(exit) : end}` };
  }
  const attempt = input.attempt;
  const delayMs = backoffDelayMs(attempt, spec.backoff, input.random);
  return { action: 'restart', delayMs, attempt, reason: `${end}; restart ${attempt + 1} in ${formatDurationMs(delayMs)}` };
}
