// Start-up is over when every service a person wants up is settled (ready/running/completed),
// or when one has failed — then the failure is the start-up's result.
import type { ServiceStatus } from '../control/contract.ts';
import type { EventBus } from './event-bus.ts';
import { DEPENDENCY_FAILED } from './orchestrator.ts';
import { SETTLED_STATES } from './service-state.ts';

/** How start-up ended: everything up, something failed, or a person must submit secrets first. */
export type StartupResult =
  | { readonly ok: true; readonly waitingForSecrets: readonly string[] }
  | { readonly ok: false; readonly failed: readonly ServiceStatus[] };

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
      // A service that stopped (a clean exit its policy does not restart, or a person's stop) is
      // as far as it goes; a failed one fails the start-up.
      // So is one that waits on a dependency a person holds down (unless-stopped).
      const settled = (service: ServiceStatus) =>
        SETTLED_STATES.has(service.state) || service.state === 'stopped' || (service.state === 'pending' && service.reason?.startsWith(DEPENDENCY_FAILED) === true);
      if (all.every(settled)) {
        resolve({ ok: true, waitingForSecrets: [] });
        return true;
      }
      // Nothing is moving and something waits for a person's secret: start-up is as far as it
      // goes without one (the summary then says how to give it).
      const secrets = [...new Set(all.flatMap((service) => (service.state === 'waiting-secrets' ? service.missingSecrets : [])))];
      if (secrets.length > 0 && all.every((service) => settled(service) || service.state === 'waiting-secrets' || service.state === 'pending')) {
        resolve({ ok: true, waitingForSecrets: secrets.sort() });
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
