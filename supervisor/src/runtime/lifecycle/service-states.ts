// The service state model (DESIGN §5) in one place: which states count as up, settled or done,
// and how a dependency condition reads them. Pure; only the lifecycle machine changes a state.
import type { ServiceState } from '../../control/contract.ts';
import type { DependencyCondition } from '../../manifest/schema.ts';

/** States in which a process of the service exists. */
export const PROCESS_STATES: ReadonlySet<ServiceState> = new Set<ServiceState>(['starting', 'running', 'ready', 'unhealthy', 'stopping']);

/** States a start-up waits for: everything came up (tasks: finished). */
export const SETTLED_STATES: ReadonlySet<ServiceState> = new Set<ServiceState>(['ready', 'running', 'completed']);

/** True when `state` satisfies a dependent's `condition` (DESIGN §4). */
export function meetsCondition(state: ServiceState, condition: DependencyCondition): boolean {
  switch (condition) {
    case 'started':
      return PROCESS_STATES.has(state) && state !== 'stopping' || state === 'completed';
    case 'ready':
      // A service without a readiness probe is ready once running; a finished task counts too.
      return state === 'ready' || state === 'running' || state === 'completed';
    case 'completed':
      return state === 'completed';
  }
}

/** States from which a person's `start` makes sense (else 409). */
export const STARTABLE_STATES: ReadonlySet<ServiceState> = new Set<ServiceState>(['stopped', 'failed', 'completed', 'backoff', 'pending', 'waiting-secrets']);
/** States from which a person's `stop` makes sense (else 409). */
export const STOPPABLE_STATES: ReadonlySet<ServiceState> = new Set<ServiceState>(['starting', 'running', 'ready', 'unhealthy', 'backoff', 'pending', 'waiting-secrets']);
