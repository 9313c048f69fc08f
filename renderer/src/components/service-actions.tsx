// Start / Stop / Restart for one service. Stop asks first; the reply's service status is folded
// into the snapshot at once, and a failure is shown next to the buttons.
import { useState } from 'react';
import type { ServiceAction, ServiceStatus } from '../../../supervisor/src/control/contract.ts';
import { messageOf } from '../../../supervisor/src/control/client/index.ts';
import { useStore } from '../state/runtime-context.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';

const ACTION_LABEL: Readonly<Record<ServiceAction, string>> = { start: 'Start', stop: 'Stop', restart: 'Restart' };

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

/** The action buttons of a service, with Stop's confirmation. */
export function ServiceActions({ service }: { service: ServiceStatus }) {
  const store = useStore();
  const [busy, setBusy] = useState<ServiceAction | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const allowed = allowedActions(service);
  const dependents = (store.getSnapshot().status?.services ?? []).filter((other) => service.name in other.dependsOn).map((other) => other.name);

  const run = async (action: ServiceAction) => {
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

  return (
    <div className="actions">
      <div className="actions__buttons" role="group" aria-label={`Control ${service.name}`}>
        <button type="button" className="button button--primary" disabled={!allowed.has('start') || busy !== null} onClick={() => void run('start')}>
          {busy === 'start' ? 'Starting…' : 'Start'}
        </button>
        <button type="button" className="button" disabled={!allowed.has('restart') || busy !== null} onClick={() => void run('restart')}>
          {busy === 'restart' ? 'Restarting…' : 'Restart'}
        </button>
        <button type="button" className="button button--danger-outline" disabled={!allowed.has('stop') || busy !== null} aria-expanded={confirming} onClick={() => setConfirming(true)}>
          {busy === 'stop' ? 'Stopping…' : 'Stop'}
        </button>
      </div>
      {confirming && (
        <ConfirmDialog title={`Stop ${service.name}?`} confirmLabel={`Stop ${service.name}`} danger onConfirm={() => void run('stop')} onCancel={() => setConfirming(false)}>
          <p>
            It stays stopped until you start it again.
            {dependents.length > 0 && ` Services that depend on it (${dependents.join(', ')}) may stop or wait too.`}
          </p>
        </ConfirmDialog>
      )}
      {error !== null && (
        <p className="notice notice--bad" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
