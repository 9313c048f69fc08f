// The tray as data: icon state, tooltip and menu, built from /status by a pure function so every
// overall state is testable without Electron.
import type { OverallState, StatusResponse, UpdatesResponse } from '../../../supervisor/src/control/contract.ts';

/** The four tray icons. */
export type TrayIconState = 'starting' | 'ready' | 'degraded' | 'failed';

/** What a menu item does when clicked. */
export type TrayAction =
  | { kind: 'open-ui' }
  | { kind: 'open-dashboard' }
  | { kind: 'restart-service'; service: string }
  | { kind: 'open-logs' }
  | { kind: 'save-report' }
  | { kind: 'check-updates' }
  | { kind: 'check-bundle-updates' }
  | { kind: 'apply-bundle-update'; version: string }
  | { kind: 'set-start-at-login'; enabled: boolean }
  | { kind: 'quit' };

/** One entry of the menu model. */
export type TrayMenuItem =
  | { type: 'action'; label: string; action: TrayAction; enabled: boolean }
  | { type: 'checkbox'; label: string; action: TrayAction; checked: boolean }
  | { type: 'label'; label: string }
  | { type: 'separator' }
  | { type: 'submenu'; label: string; items: TrayMenuItem[] };

/** The whole tray. */
export interface TrayModel {
  icon: TrayIconState;
  tooltip: string;
  items: TrayMenuItem[];
}

/** Input of buildTrayMenuModel. */
export interface TrayModelInput {
  appName: string;
  /** Latest /status, or null while no supervisor answers. */
  status: StatusResponse | null;
  /** A fatal problem of the shell (crash loop, handshake timeout), shown instead of services. */
  problem?: string | null;
  /** Whether the app starts at login; null (or absent) where it cannot, and the item is left out. */
  startAtLogin?: boolean | null;
  /** GET /updates (bundle versions), or null/absent when unknown. */
  updates?: UpdatesResponse | null;
}

/** The bundle-update lines of the menu: the hand-off's state, Apply update to vX, the feed check. */
function bundleUpdateItems(status: StatusResponse | null, updates: UpdatesResponse | null): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  const handoff = status?.handoff;
  if (handoff?.state === 'deferred' || handoff?.state === 'applying') items.push({ type: 'label', label: `Updating to ${handoff.target ?? '?'}…` });
  else if (handoff?.state === 'failed') items.push({ type: 'label', label: `Update to ${handoff.target ?? '?'} failed; rolled back` });
  const busy = handoff?.state === 'deferred' || handoff?.state === 'applying';
  if (updates?.available !== null && updates?.available !== undefined) items.push({ type: 'action', label: `Apply update to ${updates.available}`, action: { kind: 'apply-bundle-update', version: updates.available }, enabled: !busy });
  if (updates?.feed === true) items.push({ type: 'action', label: 'Check for service updates…', action: { kind: 'check-bundle-updates' }, enabled: !busy });
  return items;
}

/** Maps the supervisor's overall state onto one of the four tray icons. */
export function trayIconStateOf(state: OverallState): TrayIconState {
  switch (state) {
    case 'ready':
      return 'ready';
    case 'degraded':
    case 'stopped':
      return 'degraded';
    case 'failed':
      return 'failed';
    case 'starting':
    case 'stopping':
      return 'starting';
  }
}

/** Builds the tray model: Open, Dashboard, one submenu per service, logs, updates, Start at login, Quit. */
export function buildTrayMenuModel(input: TrayModelInput): TrayModel {
  const { status, appName } = input;
  const problem = input.problem ?? null;
  const icon: TrayIconState = problem ? 'failed' : status ? trayIconStateOf(status.supervisor.state) : 'starting';
  const stateText = problem ? 'failed' : status ? status.supervisor.state : 'starting';
  const items: TrayMenuItem[] = [
    { type: 'action', label: `Open ${appName}`, action: { kind: 'open-ui' }, enabled: Boolean(status?.uiUrl) && !problem },
    { type: 'action', label: 'Dashboard', action: { kind: 'open-dashboard' }, enabled: true },
    { type: 'separator' },
  ];
  if (problem) {
    items.push({ type: 'label', label: problem.length > 80 ? `${problem.slice(0, 77)}…` : problem });
  } else if (!status) {
    items.push({ type: 'label', label: 'Starting…' });
  } else {
    items.push({ type: 'label', label: `Status: ${stateText}` });
    for (const service of status.services) {
      const detail = service.reason && (service.state === 'failed' || service.state === 'backoff') ? ` (${service.reason})` : '';
      items.push({
        type: 'submenu',
        label: `${service.name} — ${service.state}`,
        items: [
          { type: 'label', label: `State: ${service.state}${detail}` },
          ...(service.pid === null ? [] : [{ type: 'label' as const, label: `PID ${service.pid}` }]),
          { type: 'action', label: 'Restart', action: { kind: 'restart-service', service: service.name }, enabled: service.kind === 'service' && service.state !== 'stopping' },
        ],
      });
    }
  }
  items.push(
    { type: 'separator' },
    { type: 'action', label: 'Open logs folder', action: { kind: 'open-logs' }, enabled: true },
    // The supervisor builds it (only it knows every secret to redact); without one there is nothing to ask.
    { type: 'action', label: 'Save diagnostic report…', action: { kind: 'save-report' }, enabled: status !== null },
    { type: 'action', label: 'Check for updates…', action: { kind: 'check-updates' }, enabled: true },
    ...bundleUpdateItems(status, input.updates ?? null),
  );
  const startAtLogin = input.startAtLogin ?? null;
  if (startAtLogin !== null) items.push({ type: 'checkbox', label: 'Start at login', checked: startAtLogin, action: { kind: 'set-start-at-login', enabled: !startAtLogin } });
  items.push(
    { type: 'separator' },
    { type: 'action', label: 'Quit', action: { kind: 'quit' }, enabled: true },
  );
  return { icon, tooltip: `${appName} — ${stateText}`, items };
}
