// Start-up is over when every service a person wants up is settled (ready/running/completed),
// or when one has failed — then the failure is the start-up's result.
import type { ServiceStatus } from '../control/contract.ts';
import type { EventBus } from './event-bus.ts';
import { STOPPED_BY_PERSON } from './orchestrator.ts';
import { SETTLED_STATES } from './service-state.ts';

/** How start-up ended. */
export type StartupResult = { readonly ok: true } | { readonly ok: false; readonly failed: readonly ServiceStatus[] };

/** Resolves once start-up is over (see above), re-checking after every state event. */
export function waitForStartup(bus: EventBus, services: () => ServiceStatus[]): Promise<StartupResult> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const all = services();
      const failed = all.filter((service) => service.state === 'failed');
      if (failed.length > 0) {
        resolve({ ok: false, failed });
        return true;
      }
      if (all.every((service) => SETTLED_STATES.has(service.state) || (service.state === 'stopped' && service.reason?.startsWith(STOPPED_BY_PERSON) === true))) {
        resolve({ ok: true });
        return true;
      }
      return false;
    };
    if (check()) return;
    const unsubscribe = bus.subscribe(({ event }) => {
      if (event.type === 'state' && check()) unsubscribe();
    });
  });
}
