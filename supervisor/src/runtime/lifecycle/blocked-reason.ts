// The words a waiting service's reason is made of (pure). Programs read `blockedBy`; these are for people.
import type { BlockedBy } from '../../control/contract.ts';

/** How the reason of a service held down by a failed (or held) dependency begins. */
export const DEPENDENCY_FAILED = 'dependency failed';

/** The reason a person's stop leaves. */
export const STOPPED_BY_PERSON = 'stopped by request';

type DependencyBlock = Extract<BlockedBy, { kind: 'dependencies' }>;

/** "dependency failed: db failed, cache stopped" */
export function failedText(block: DependencyBlock): string {
  return `${DEPENDENCY_FAILED}: ${block.failed.map(({ service, state }) => `${service} ${state}`).join(', ')}`;
}

/** The reason of a pending service: what it waits on and, first, what failed below it. */
export function blockedReason(block: DependencyBlock): string {
  const waiting = `waiting on: ${block.on.map(({ service, condition, state }) => `${service} (${condition}; now ${state})`).join(', ')}`;
  return block.failed.length > 0 ? `${failedText(block)}; ${waiting}` : waiting;
}

