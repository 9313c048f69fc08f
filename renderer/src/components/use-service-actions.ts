// The state behind a service's Start / Stop / Restart, shared by the service page and the overview
// rows: which actions the state allows, the one in flight, Stop's confirmation, and the last error.
// The reply's service status is folded into the snapshot at once.
import { useState } from 'react';
import type { ServiceAction, ServiceStatus } from '../../../supervisor/src/control/contract.ts';
import { messageOf } from '../../../supervisor/src/control/client/index.ts';
import { useStore } from '../state/runtime-context.ts';

/** The visible name of each action. */
export const ACTION_LABEL: Readonly<Record<ServiceAction, string>> = { start: 'Start', stop: 'Stop', restart: 'Restart' };

/** Which actions make sense in a state (the supervisor has the last word). */
export function allowedActions(service: Pick<ServiceStatus, 'state'>): ReadonlySet<ServiceAction> {
  switch (service.state) {
    case 'stopped':
    case 'failed':
    case 'completed':
      return new Set<ServiceAction>(['start', 'restart']);
    case 'stopping':
      return new Set<ServiceAction>();
    default:
      return new Set<ServiceAction>(['stop', 'restart']);
  }
}

/** What the buttons, the confirmation and the error notice of one service need. */
export interface ServiceActionsState {
  service: ServiceStatus;
  allowed: ReadonlySet<ServiceAction>;
  busy: ServiceAction | null;
  confirming: boolean;
  error: string | null;
  /** Services that depend on this one (named in Stop's confirmation). */
  dependents: readonly string[];
  run(action: ServiceAction): void;
  askStop(): void;
  cancelStop(): void;
}

/** The actions of one service. */
export function useServiceActions(service: ServiceStatus): ServiceActionsState {
  const store = useStore();
  const [busy, setBusy] = useState<ServiceAction | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dependents = (store.getSnapshot().status?.services ?? []).filter((other) => service.name in other.dependsOn).map((other) => other.name);

  const perform = async (action: ServiceAction) => {
    setConfirming(false);
    setBusy(action);
    setError(null);
    try {
      const reply = await store.client.serviceAction(service.name, action);
      store.applyService(reply.service);
    } catch (caught) {
      setError(`${ACTION_LABEL[action]} failed: ${messageOf(caught)}`);
    } finally {
      setBusy(null);
    }
  };

  return {
    service,
    allowed: allowedActions(service),
    busy,
    confirming,
    error,
    dependents,
    run: (action) => void perform(action),
    askStop: () => setConfirming(true),
    cancelStop: () => setConfirming(false),
  };
}
