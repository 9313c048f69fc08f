// "All ready" for a hand-off: every service of the new version ready, running or completed (or
// stopped, which is as far as a cleanly exited or held service goes), before the ready timeout.
// A failed service (a task that failed, a crash loop) ends the wait at once, as does the session
// closing. Followed event by event, so the answer comes the moment it is known.
import type { ServiceStatus } from '../control/contract.ts';
import { formatDurationMs } from '../manifest/duration.ts';
import type { EventBus } from '../events/index.ts';

/** What the wait watches: the bus, the session's services, and its end. */
export interface ReadyWatch {
  readonly bus: EventBus;
  services(): ServiceStatus[];
  /** Aborted when the session closes. */
  readonly closed: AbortSignal;
}

/** How the wait ended. */
export type ReadyOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const UP: ReadonlySet<string> = new Set(['ready', 'running', 'completed', 'stopped']);

/** The outcome the services show now, or null while some are still on their way. */
export function readyOutcome(services: readonly ServiceStatus[]): ReadyOutcome | null {
  const failed = services.filter((service) => service.state === 'failed');
  if (failed.length > 0) return { ok: false, reason: failed.map((service) => `${service.name} failed: ${service.reason ?? 'failed'}`).join('; ') };
  return services.every((service) => UP.has(service.state)) ? { ok: true } : null;
}

/** Resolves with the outcome, at the latest after `timeoutMs`. */
export function waitAllReady(watch: ReadyWatch, timeoutMs: number): Promise<ReadyOutcome> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: ReadyOutcome) => {
      unsubscribe();
      clearTimeout(timer);
      watch.closed.removeEventListener('abort', onClosed);
      resolve(outcome);
    };
    const check = () => {
      const outcome = readyOutcome(watch.services());
      if (outcome !== null) finish(outcome);
    };
    const onClosed = () => finish({ ok: false, reason: 'the version was stopped before it was all ready' });
    // The services not up yet, kept from the events: the full check (every service's status) runs
    // only when one fails or the last one comes up, not at each of 200 services' ~5 events.
    const notUp = new Set(watch.services().filter((service) => !UP.has(service.state)).map((service) => service.name));
    const unsubscribe = watch.bus.subscribe(({ event }) => {
      if (event.type !== 'state') return;
      if (UP.has(event.to)) notUp.delete(event.service);
      else notUp.add(event.service);
      if (event.to === 'failed' || notUp.size === 0) check();
    });
    watch.closed.addEventListener('abort', onClosed, { once: true });
    if (Number.isFinite(timeoutMs)) {
      timer = setTimeout(() => {
        const waiting = watch.services().filter((service) => !UP.has(service.state)).map((service) => `${service.name} ${service.state}`);
        finish({ ok: false, reason: `not all ready within ${formatDurationMs(timeoutMs)} (${waiting.join(', ')})` });
      }, timeoutMs);
    }
    if (watch.closed.aborted) onClosed();
    else check();
  });
}
