// The lifecycle machine of one service: (state, event, now) → { state, effects }. Pure: the clock
// reading and the random source come in, the effects go out to the executor, which is the only
// holder of the state. Table tests: step.test.ts.
import { Draft, type StepResult } from './draft.ts';
import type { LifecycleEvent } from './lifecycle-events.ts';
import type { Lifecycle, LifecycleConfig } from './lifecycle-state.ts';
import { applyIntent } from './on-intent.ts';
import { applyExit, applyRecorded } from './on-exit.ts';
import { applyReport } from './on-report.ts';

/** One step of the machine; `random` draws the backoff jitter. */
export function stepLifecycle(config: LifecycleConfig, state: Lifecycle, event: LifecycleEvent, nowMs: number, random: () => number = Math.random): StepResult {
  const draft = new Draft(config, state, nowMs, random);
  switch (event.type) {
    case 'exited':
      applyExit(draft, event);
      break;
    case 'recorded':
      applyRecorded(draft, event);
      break;
    case 'spawned':
    case 'spawn-failed':
    case 'ready':
    case 'timer':
    case 'liveness-failed':
    case 'readiness-lost':
    case 'readiness-recovered':
      applyReport(draft, event);
      break;
    default:
      applyIntent(draft, event);
  }
  return draft.result();
}
