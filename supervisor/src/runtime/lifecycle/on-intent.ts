// What intents do to a lifecycle: the orchestrator's release/block, a person's actions, the
// start-up sequence's holds and the shutdown. Pure.
import type { ServiceAction } from '../../control/contract.ts';
import { blockedReason, failedText, STOPPED_BY_PERSON } from './blocked-reason.ts';
import type { Draft } from './draft.ts';
import type { LifecycleIntent } from './lifecycle-events.ts';
import type { Lifecycle } from './lifecycle-state.ts';
import { STARTABLE_STATES, STOPPABLE_STATES } from './service-states.ts';

/** Why a person's action makes no sense now (the API answers 409 with it), or null when it does. */
export function refusalOf(name: string, lifecycle: Lifecycle, action: ServiceAction): string | null {
  const { phase, wanted } = lifecycle;
  if (action === 'stop') return STOPPABLE_STATES.has(phase) ? null : `cannot stop "${name}": it is ${phase}`;
  if (action === 'start') {
    const coming = wanted === 'up' && (phase === 'pending' || phase === 'waiting-secrets' || phase === 'backoff');
    return STARTABLE_STATES.has(phase) && !coming ? null : `cannot start "${name}": it is ${phase}`;
  }
  return phase === 'stopping' ? `cannot restart "${name}": it is stopping` : null;
}

function isWaiting(draft: Draft): boolean {
  const { phase, run, wanted } = draft.state;
  return wanted === 'up' && run === null && (phase === 'pending' || phase === 'waiting-secrets');
}

function act(draft: Draft, action: ServiceAction): void {
  if (action === 'stop') {
    draft.set({ wanted: 'down' }).stop({ phase: 'stopped', reason: STOPPED_BY_PERSON, force: false });
    return;
  }
  // A person's start or restart clears the crash-loop budget.
  draft.set({ wanted: 'up', attempt: 0, recentEnds: [] });
  if (action === 'restart' || draft.state.phase === 'backoff') {
    draft.stop({ phase: 'pending', reason: action === 'restart' ? 'restart requested' : 'start requested', force: false });
  } else if (draft.state.run === null) {
    draft.to('pending', 'start requested');
  }
}

/** Applies one intent. */
export function applyIntent(draft: Draft, intent: LifecycleIntent): void {
  const state = draft.state;
  switch (intent.type) {
    case 'release':
      if (state.blockedBy !== null) draft.set({ blockedBy: null });
      if (isWaiting(draft)) draft.launch();
      return;
    case 'block':
      if (state.wanted === 'down') return;
      draft.set({ blockedBy: intent.blockedBy });
      if (intent.blockedBy.failed.length > 0 && draft.hasSomethingToStop()) draft.stop({ phase: 'pending', reason: failedText(intent.blockedBy), force: false });
      else if (isWaiting(draft)) draft.to('pending', blockedReason(intent.blockedBy));
      return;
    case 'need-secrets':
      if (!isWaiting(draft)) return;
      draft.set({ blockedBy: { kind: 'secrets', missing: [...intent.missing] } }).to('waiting-secrets', `waiting for secrets: ${intent.missing.join(', ')}`);
      return;
    case 'skip':
      if (isWaiting(draft)) draft.set({ blockedBy: null }).to('completed', intent.reason);
      return;
    case 'fail':
      if (state.run === null) draft.to('failed', intent.reason);
      return;
    case 'annotate':
      if (state.phase === 'failed') draft.to('failed', intent.reason);
      return;
    case 'act':
      act(draft, intent.action);
      return;
    case 'hold':
      if (state.run === null) draft.set({ wanted: 'down', blockedBy: null }).to('stopped', intent.reason);
      return;
    case 'ports-moved':
      if (state.wanted === 'up' && state.run !== null && state.landing === null) draft.stop({ phase: 'pending', reason: `restarted: the ports of ${intent.service} moved`, force: false });
      return;
    case 'shutdown':
      draft.set({ wanted: 'down' }).stop({ phase: 'stopped', reason: intent.reason, force: false });
      return;
    case 'kill':
      draft.set({ wanted: 'down' }).stop({ phase: 'stopped', reason: intent.reason, force: true });
      return;
  }
}
