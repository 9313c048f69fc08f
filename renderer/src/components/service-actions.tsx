// Start / Stop / Restart for one service: the buttons, Stop's confirmation (naming the services
// that depend on it) and the last failure. The service page shows them together (ServiceActions);
// an overview row shows the buttons in a cell and the rest in a row of its own.
import type { ServiceAction, ServiceStatus } from '../../../supervisor/src/control/contract.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { ACTION_LABEL, useServiceActions, type ServiceActionsState } from './use-service-actions.ts';

// In a table every row has them: no filled Start there, where a disabled one on each running
// row would be the loudest thing on the screen.
const BUTTONS: ReadonlyArray<{ action: ServiceAction; busyLabel: string; className: string; smallClassName: string }> = [
  { action: 'start', busyLabel: 'Starting…', className: 'button--primary', smallClassName: 'button--primary-outline' },
  { action: 'restart', busyLabel: 'Restarting…', className: '', smallClassName: '' },
  { action: 'stop', busyLabel: 'Stopping…', className: 'button--danger-outline', smallClassName: 'button--danger-outline' },
];

/** The three buttons in a group named after the service; Stop opens the confirmation. */
export function ServiceActionButtons({ actions, small = false }: { actions: ServiceActionsState; small?: boolean }) {
  const { service, allowed, busy } = actions;
  return (
    <div className={small ? 'actions__buttons actions__buttons--small' : 'actions__buttons'} role="group" aria-label={`Control ${service.name}`}>
      {BUTTONS.map(({ action, busyLabel, className, smallClassName }) => (
        <button
          key={action}
          type="button"
          className={small ? `button button--small ${smallClassName}` : `button ${className}`}
          disabled={!allowed.has(action) || busy !== null}
          aria-expanded={action === 'stop' ? actions.confirming : undefined}
          onClick={action === 'stop' ? actions.askStop : () => actions.run(action)}
        >
          {busy === action ? busyLabel : ACTION_LABEL[action]}
        </button>
      ))}
    </div>
  );
}

/** Stop's confirmation (while it is open) and the last failure (while there is one). */
export function ServiceActionFeedback({ actions }: { actions: ServiceActionsState }) {
  const { service, dependents } = actions;
  return (
    <>
      {actions.confirming && (
        <ConfirmDialog title={`Stop ${service.name}?`} confirmLabel={`Stop ${service.name}`} danger onConfirm={() => actions.run('stop')} onCancel={actions.cancelStop}>
          <p>
            It stays stopped until you start it again.
            {dependents.length > 0 && ` Services that depend on it (${dependents.join(', ')}) may stop or wait too.`}
          </p>
        </ConfirmDialog>
      )}
      {actions.error !== null && (
        <p className="notice notice--bad" role="alert">
          {actions.error}
        </p>
      )}
    </>
  );
}

/** The action buttons of a service, with Stop's confirmation and errors below them. */
export function ServiceActions({ service }: { service: ServiceStatus }) {
  const actions = useServiceActions(service);
  return (
    <div className="actions">
      <ServiceActionButtons actions={actions} />
      <ServiceActionFeedback actions={actions} />
    </div>
  );
}
