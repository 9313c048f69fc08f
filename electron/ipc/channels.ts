// Every IPC channel between main and the preload, in one place. One `invoke` channel per
// RuntimeClient method (contract.ts); events travel main → renderer on the push channels.
import type { RuntimeClient } from '../../supervisor/src/control/contract.ts';

/** The RuntimeClient methods answered through `ipcMain.handle` (subscribe is push-based). */
export type InvokeMethod = Exclude<keyof RuntimeClient, 'subscribe'>;

/** Channel name of each invoke method. */
export const INVOKE_CHANNELS = {
  status: 'berth:status',
  tailLogs: 'berth:tail-logs',
  runs: 'berth:runs',
  serviceAction: 'berth:service-action',
  submitSecrets: 'berth:submit-secrets',
  validate: 'berth:validate',
  shutdown: 'berth:shutdown',
  updates: 'berth:updates',
  checkUpdates: 'berth:check-updates',
  applyUpdate: 'berth:apply-update',
} as const satisfies Record<InvokeMethod, string>;

/** Main → renderer: one RuntimeEvent from the single /events subscription held by main. */
export const EVENT_CHANNEL = 'berth:event';

/** Main → renderer: events were lost (a ResyncEvent); the renderer refetches /status. */
export const EVENT_RESYNC_CHANNEL = 'berth:event-resync';

/** Main → renderer: the event stream dropped (`{ code, message }`); main keeps retrying. */
export const EVENT_ERROR_CHANNEL = 'berth:event-error';

/** Every invoke method, in a stable order (registration, tests). */
export const INVOKE_METHODS = Object.keys(INVOKE_CHANNELS) as InvokeMethod[];
