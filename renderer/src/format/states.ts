// How each service state and overall state is shown: a tone (colour) and words, never colour
// alone.
import type { OverallState, ServiceState } from '../../../supervisor/src/control/contract.ts';

/** The colour family of a state badge. */
export type Tone = 'ok' | 'progress' | 'attention' | 'bad' | 'idle';

/** Tone and label of a service state. */
export const SERVICE_STATE_VIEW: Readonly<Record<ServiceState, { tone: Tone; label: string }>> = {
  pending: { tone: 'idle', label: 'Pending' },
  'waiting-secrets': { tone: 'attention', label: 'Needs secrets' },
  starting: { tone: 'progress', label: 'Starting' },
  running: { tone: 'ok', label: 'Running' },
  ready: { tone: 'ok', label: 'Ready' },
  unhealthy: { tone: 'attention', label: 'Unhealthy' },
  backoff: { tone: 'attention', label: 'Restarting' },
  stopping: { tone: 'progress', label: 'Stopping' },
  stopped: { tone: 'idle', label: 'Stopped' },
  completed: { tone: 'ok', label: 'Completed' },
  failed: { tone: 'bad', label: 'Failed' },
};

/** Tone and label of the supervisor's overall state. */
export const OVERALL_STATE_VIEW: Readonly<Record<OverallState, { tone: Tone; label: string }>> = {
  starting: { tone: 'progress', label: 'Starting' },
  ready: { tone: 'ok', label: 'All ready' },
  degraded: { tone: 'attention', label: 'Degraded' },
  failed: { tone: 'bad', label: 'Failed' },
  stopping: { tone: 'progress', label: 'Stopping' },
  stopped: { tone: 'idle', label: 'Stopped' },
};

/** States in which a service has settled (counts as up for progress). */
export function isSettled(state: ServiceState): boolean {
  return state === 'ready' || state === 'running' || state === 'completed';
}
