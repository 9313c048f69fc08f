// One /events subscription held by main, fanned out to every listener (windows, tray). When the
// supervisor restarts, the hub re-binds to the new client; listeners stay subscribed.
import type { RuntimeClient, RuntimeEvent, Unsubscribe } from '../../../supervisor/src/control/contract.ts';

/** A listener of the hub. */
export interface HubListener {
  onEvent(event: RuntimeEvent): void;
  onError?(error: Error): void;
}

/** The hub's handle. */
export interface EventHub {
  /** Switches the upstream to this client (null: no supervisor right now). */
  bind(client: RuntimeClient | null): void;
  add(listener: HubListener): Unsubscribe;
  /** Drops the upstream and every listener. */
  dispose(): void;
}

/** Creates an event hub. */
export function createEventHub(): EventHub {
  const listeners = new Set<HubListener>();
  let upstream: Unsubscribe | null = null;
  const emit = (event: RuntimeEvent) => {
    for (const listener of listeners) listener.onEvent(event);
  };
  const emitError = (error: Error) => {
    for (const listener of listeners) listener.onError?.(error);
  };
  return {
    bind(client) {
      upstream?.();
      upstream = client ? client.subscribe(emit, emitError) : null;
    },
    add(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      upstream?.();
      upstream = null;
      listeners.clear();
    },
  };
}
