// A state shown with colour and words (never colour alone), for services and the supervisor.
import type { OverallState, ServiceState } from '../../../supervisor/src/control/contract.ts';
import { OVERALL_STATE_VIEW, SERVICE_STATE_VIEW, type Tone } from '../format/states.ts';

/** Badge of one service's state. */
export function StateBadge({ state }: { state: ServiceState }) {
  const view = SERVICE_STATE_VIEW[state];
  return <Badge tone={view.tone} label={view.label} state={state} />;
}

/** Badge of the supervisor's overall state. */
export function OverallBadge({ state, large = false }: { state: OverallState; large?: boolean }) {
  const view = OVERALL_STATE_VIEW[state];
  return <Badge tone={view.tone} label={view.label} state={state} large={large} />;
}

function Badge({ tone, label, state, large = false }: { tone: Tone; label: string; state: string; large?: boolean }) {
  return (
    <span className={`badge badge--${tone}${large ? ' badge--large' : ''}`} data-state={state}>
      <span className="badge__dot" aria-hidden="true" />
      {label}
    </span>
  );
}
