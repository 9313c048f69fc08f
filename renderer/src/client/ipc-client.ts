// RuntimeClient inside the desktop shell: every call goes to `window.berth`, which the preload
// exposes and which rebuilds errors (with `code`) from main's `{ok, error}` replies.
import type { RuntimeClient } from '../../../supervisor/src/control/contract.ts';
import type { BerthBridge } from './bridge.ts';

/** Wraps the preload's bridge; methods are called on it (never detached from it). */
export function createIpcClient(bridge: BerthBridge): RuntimeClient {
  return {
    status: () => bridge.status(),
    subscribe: (onEvent, onError) => bridge.subscribe(onEvent, onError),
    tailLogs: (service, lines) => bridge.tailLogs(service, lines),
    runs: (service) => bridge.runs(service),
    serviceAction: (service, action) => bridge.serviceAction(service, action),
    submitSecrets: (values) => bridge.submitSecrets(values),
    validate: () => bridge.validate(),
    shutdown: () => bridge.shutdown(),
  };
}
