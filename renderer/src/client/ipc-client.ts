// RuntimeClient inside the desktop shell: every call goes to `window.berth`, which the preload
// exposes and which rebuilds errors (with `code`) from main's `{ok, error}` replies. Errors are
// re-raised as the client core's ControlClientError, so the dashboard meets one error class
// whichever client it runs on.
import { ControlClientError, errorCode, messageOf } from '../../../supervisor/src/control/client/index.ts';
import type { RuntimeClient } from '../../../supervisor/src/control/contract.ts';
import type { BerthBridge } from './bridge.ts';

/** The bridge's error as a ControlClientError with the same code (INTERNAL when it has none). */
function asClientError(error: unknown): ControlClientError {
  return error instanceof ControlClientError ? error : new ControlClientError(errorCode(error) ?? 'INTERNAL', messageOf(error), { cause: error });
}

/** Wraps the preload's bridge; methods are called on it (never detached from it). */
export function createIpcClient(bridge: BerthBridge): RuntimeClient {
  /** A bridge method whose failure is re-raised as a ControlClientError. */
  const wrap =
    <A extends unknown[], T>(method: (...args: A) => Promise<T>) =>
    (...args: A): Promise<T> =>
      method.apply(bridge, args).catch((error: unknown) => {
        throw asClientError(error);
      });
  return {
    status: wrap(bridge.status),
    tailLogs: wrap(bridge.tailLogs),
    runs: wrap(bridge.runs),
    serviceAction: wrap(bridge.serviceAction),
    submitSecrets: wrap(bridge.submitSecrets),
    validate: wrap(bridge.validate),
    shutdown: wrap(bridge.shutdown),
    updates: wrap(bridge.updates),
    checkUpdates: wrap(bridge.checkUpdates),
    applyUpdate: wrap(bridge.applyUpdate),
    subscribe: (subscriber) =>
      bridge.subscribe({
        onEvent: (event) => subscriber.onEvent(event),
        onResync: (resync) => subscriber.onResync?.(resync),
        onError: (error) => subscriber.onError?.(asClientError(error)),
      }),
  };
}
