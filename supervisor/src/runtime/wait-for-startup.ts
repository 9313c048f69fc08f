// Start-up is over when every service a person wants up is settled (ready/running/completed),
// or when one has failed — then the failure is the start-up's result.
import type { BlockedBy, ServiceStatus } from '../control/contract.ts';
import type { EventBus } from '../events/index.ts';
import { SETTLED_STATES } from './lifecycle/index.ts';

/** How start-up ended: everything up, something failed, or a person must submit secrets first. */
export type StartupResult =
  | { readonly ok: true; readonly waitingForSecrets: readonly string[] }
  | { readonly ok: false; readonly failed: readonly ServiceStatus[] };

/** What an event says of one service: enough to tell whether start-up could have ended. */
interface SeenState {
  readonly state: ServiceStatus['state'];
  readonly blockedBy?: BlockedBy | null | undefined;
}

/** A service that will not move on by itself during start-up (up, stopped, or held down by a failed/held dependency). */
function isSettled(seen: SeenState): boolean {
  return SETTLED_STATES.has(seen.state) || seen.state === 'stopped' || (seen.state === 'pending' && seen.blockedBy?.kind === 'dependencies' && seen.blockedBy.failed.length > 0);
}

/**
 * Follows the state events and says when start-up *may* have ended, in O(1) per event: with 200
 * services starting, building every service's status on each of their ~1000 events cost more
 * than a tenth of a second of the supervisor's loop. The full check below stays the authority.
 */
export class StartupTracker {
  /** Services neither settled nor parked (waiting for a secret, pending). */
  private readonly moving = new Set<string>();
  private readonly unsettled = new Set<string>();
  private readonly waitingSecrets = new Set<string>();

  constructor(initial: readonly ServiceStatus[]) {
    for (const service of initial) this.update(service.name, service);
  }

  /** Records a state change; true when a full check is worth making now. */
  update(service: string, seen: SeenState): boolean {
    const settled = isSettled(seen);
    const parked = seen.state === 'waiting-secrets' || seen.state === 'pending';
    if (settled) this.unsettled.delete(service);
    else this.unsettled.add(service);
    if (settled || parked) this.moving.delete(service);
    else this.moving.add(service);
    if (seen.state === 'waiting-secrets') this.waitingSecrets.add(service);
    else this.waitingSecrets.delete(service);
    return seen.state === 'failed' || this.unsettled.size === 0 || (this.waitingSecrets.size > 0 && this.moving.size === 0);
  }
}

/** Resolves once start-up is over (see above), re-checking when a state event may have ended it. */
export function waitForStartup(bus: EventBus, services: () => ServiceStatus[]): Promise<StartupResult> {
  return new Promise((resolve) => {
    const check = (all: ServiceStatus[]): boolean => {
      const failed = all.filter((service) => service.state === 'failed');
      if (failed.length > 0) {
        resolve({ ok: false, failed });
        return true;
      }
      // A service that stopped (a clean exit its policy does not restart, or a person's stop) is
      // as far as it goes; a failed one fails the start-up.
      // So is one that waits on a dependency a person holds down (unless-stopped).
      if (all.every((service) => isSettled(service))) {
        resolve({ ok: true, waitingForSecrets: [] });
        return true;
      }
      // Nothing is moving and something waits for a person's secret: start-up is as far as it
      // goes without one (the summary then says how to give it).
      const secrets = [...new Set(all.flatMap((service) => (service.state === 'waiting-secrets' ? service.missingSecrets : [])))];
      if (secrets.length > 0 && all.every((service) => isSettled(service) || service.state === 'waiting-secrets' || service.state === 'pending')) {
        resolve({ ok: true, waitingForSecrets: secrets.sort() });
        return true;
      }
      return false;
    };
    const initial = services();
    if (check(initial)) return;
    const tracker = new StartupTracker(initial);
    const unsubscribe = bus.subscribe(({ event }) => {
      if (event.type === 'state' && tracker.update(event.service, { state: event.to, blockedBy: event.blockedBy }) && check(services())) unsubscribe();
    });
  });
}
