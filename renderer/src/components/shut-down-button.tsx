// "Shut down": stops every service and the supervisor, after a confirmation.
import { useState } from 'react';
import { messageOf } from '../../../supervisor/src/control/client/index.ts';
import { useStore } from '../state/runtime-context.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';

/** The button and its confirmation; errors are shown beside it. */
export function ShutDownButton({ appName }: { appName: string }) {
  const store = useStore();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shutDown = async () => {
    setConfirming(false);
    setBusy(true);
    setError(null);
    try {
      await store.shutdown();
    } catch (caught) {
      setError(`Shut down failed: ${messageOf(caught)}`);
      setBusy(false);
    }
  };
  return (
    <div className="shutdown">
      <button type="button" className="button button--danger-outline" disabled={busy} aria-expanded={confirming} onClick={() => setConfirming(true)}>
        {busy ? 'Shutting down…' : 'Shut down'}
      </button>
      {confirming && (
        <div className="shutdown__popover">
          <ConfirmDialog title={`Shut down ${appName}?`} confirmLabel="Shut down" danger onConfirm={() => void shutDown()} onCancel={() => setConfirming(false)}>
            <p>Every service stops, then the supervisor exits. This dashboard stops working until it is started again.</p>
          </ConfirmDialog>
        </div>
      )}
      {error !== null && (
        <p className="notice notice--bad" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
