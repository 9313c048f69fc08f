// Which page the main window should show (pure): the dashboard's start-up screen until the bundle's
// UI service is ready, then the UI.
import type { StatusResponse } from '../../../supervisor/src/control/contract.ts';

/** The page to show. */
export type WindowTarget = { kind: 'dashboard' } | { kind: 'ui'; url: string };

/** Decides from /status and the name of the bundle's ui service. */
export function decideWindowTarget(status: StatusResponse | null, uiService: string | null): WindowTarget {
  if (!status?.uiUrl) return { kind: 'dashboard' };
  const ui = uiService ? status.services.find((service) => service.name === uiService) : undefined;
  const uiReady = ui ? ui.state === 'ready' || ui.state === 'running' : status.supervisor.state === 'ready';
  return uiReady ? { kind: 'ui', url: status.uiUrl } : { kind: 'dashboard' };
}
