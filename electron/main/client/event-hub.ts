// One /events subscription held by main, fanned out to every listener (windows, tray). When the
// supervisor restarts, the hub re-binds to the new client; listeners stay subscribed.
import type { EventSubscriber, RuntimeClient, Unsubscribe } from '../../../supervisor/src/control/contract.ts';

/** The hub's handle. */
export interface EventHub {
  /** Switches the upstream to this client (null: no supervisor right now). */
  bind(client: RuntimeClient | null): void;
  add(listener: EventSubscriber): Unsubscribe;
  /** Drops the upstream and every listener. */
  dispose(): void;
}

/** Creates an event hub. */
export function createEventHub(): EventHub {
  const listeners = new Set<EventSubscriber>();
  let upstream: Unsubscribe | null = null;
  const fanOut: EventSubscriber = {
    onEvent: (event) => {
      for (const listener of listeners) listener.onEvent(event);
    },
    onResync: (resync) => {
      for (const listener of listeners) listener.onResync?.(resync);
    },
    onError: (error) => {
      for (const listener of listeners) listener.onError?.(error);
    },
  };
  return {
    bind(client) {
      upstream?.();
      upstream = client ? client.subscribe(fanOut) : null;
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
