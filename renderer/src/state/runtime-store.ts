// The dashboard's live view of the supervisor: one /status snapshot kept current by the event
// stream, the connection's health, and fan-out of log lines to whichever log view is open.
// Read from React through useSyncExternalStore (see use-runtime.ts).
import { linesOf, type LogEvent, type RuntimeClient, type RuntimeEvent, type ServiceStatus, type StatusResponse, type Unsubscribe } from '../../../supervisor/src/control/contract.ts';
import { messageOf } from '../../../supervisor/src/control/client/index.ts';
import { isUnauthorized } from '../client/client-error.ts';
import { applyEvent, replaceService, reuseUnchanged } from './apply-event.ts';

/** Where the connection to the supervisor stands. */
export type Connection = 'connecting' | 'online' | 'reconnecting' | 'unreachable' | 'unauthorized';

/** What the screens render from. */
export interface RuntimeSnapshot {
  connection: Connection;
  status: StatusResponse | null;
  /** Local clock (ms) at which each service's current process started, for a ticking uptime. */
  processStartMs: Readonly<Record<string, number | null>>;
  /** Message of the last failure to reach the supervisor. */
  error: string | null;
  /** Whether everything has been ready at least once since the page opened (start-up is over). */
  reachedReady: boolean;
  /** Set once this page asked the supervisor to shut down (its going away is then expected). */
  shutdownRequested: boolean;
}

/** Timings, replaceable in tests. */
export interface StoreTimings {
  refreshDelayMs: number;
  retryMinMs: number;
  retryMaxMs: number;
  /** How long the stream may be down before the "not reachable" screen replaces the dashboard. */
  graceMs: number;
  now: () => number;
}

const DEFAULT_TIMINGS: StoreTimings = { refreshDelayMs: 300, retryMinMs: 500, retryMaxMs: 10_000, graceMs: 3_000, now: () => Date.now() };

/** Owns the event subscription and the status snapshot for one client. */
export class RuntimeStore {
  readonly client: RuntimeClient;
  private readonly timings: StoreTimings;
  private snapshot: RuntimeSnapshot = { connection: 'connecting', status: null, processStartMs: {}, error: null, reachedReady: false, shutdownRequested: false };
  private readonly listeners = new Set<() => void>();
  private readonly eventListeners = new Set<(event: RuntimeEvent) => void>();
  private unsubscribe: Unsubscribe | null = null;
  private pending: RuntimeEvent[] | null = [];
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryMs: number;
  private lostSinceMs: number | null = null;
  private resync = false;
  private generation = 0;
  private disposed = false;

  constructor(client: RuntimeClient, timings: Partial<StoreTimings> = {}) {
    this.client = client;
    this.timings = { ...DEFAULT_TIMINGS, ...timings };
    this.retryMs = this.timings.retryMinMs;
  }

  /** Subscribes to events, then loads the status; returns the disposer. */
  start(): () => void {
    this.open();
    return () => this.dispose();
  }

  /** Stops everything this store started. */
  dispose(): void {
    this.disposed = true;
    this.close();
    this.listeners.clear();
    this.eventListeners.clear();
  }

  /** The current snapshot (stable reference until something changes). */
  readonly getSnapshot = (): RuntimeSnapshot => this.snapshot;

  /** Registers a re-render callback (useSyncExternalStore). */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Every live event (log lines included), for log views and announcements. */
  onEvent(listener: (event: RuntimeEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Log lines of one service as they arrive. */
  onLog(service: string, listener: (event: LogEvent) => void): () => void {
    return this.onEvent((event) => {
      if (event.type !== 'log' || event.service !== service) return;
      // One event may carry a chunk's lines: the log view gets them one by one.
      for (const line of linesOf(event)) listener({ ...line, type: 'log' });
    });
  }

  /** Tries again now (the Retry button): reopens the stream and reloads the status. */
  retry(): void {
    this.close();
    this.retryMs = this.timings.retryMinMs;
    this.update({ connection: 'connecting', error: null });
    this.open();
  }

  /** Asks the supervisor to stop every service and exit. */
  async shutdown(): Promise<void> {
    await this.client.shutdown();
    this.update({ shutdownRequested: true });
  }

  /** Folds a service returned by an action into the snapshot right away. */
  applyService(service: ServiceStatus): void {
    const status = this.snapshot.status;
    if (status !== null) this.update({ status: replaceService(status, service) });
    this.scheduleRefresh();
  }

  /** Reloads /status soon (coalesced), for the fields events do not carry. */
  scheduleRefresh(): void {
    if (this.refreshTimer !== null || this.disposed) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.load(this.generation);
    }, this.timings.refreshDelayMs);
  }

  private open(): void {
    const generation = ++this.generation;
    this.pending = [];
    this.unsubscribe = this.client.subscribe({
      onEvent: (event) => this.handleEvent(generation, event),
      // Events were lost while the stream was away: only a fresh /status is whole again.
      onResync: () => {
        if (generation === this.generation) this.scheduleRefresh();
      },
      onError: (error) => this.handleStreamError(generation, error),
    });
    void this.load(generation);
  }

  private close(): void {
    this.generation++;
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const timer of [this.refreshTimer, this.retryTimer]) if (timer !== null) clearTimeout(timer);
    this.refreshTimer = null;
    this.retryTimer = null;
  }

  private async load(generation: number): Promise<void> {
    try {
      const status = await this.client.status();
      if (generation !== this.generation || this.disposed) return;
      let next = reuseUnchanged(this.snapshot.status, status);
      for (const event of this.pending ?? []) next = applyEvent(next, event);
      this.pending = null;
      this.lostSinceMs = null;
      this.retryMs = this.timings.retryMinMs;
      this.update({ connection: 'online', status: next, error: null, processStartMs: this.startTimes(next) });
    } catch (error) {
      if (generation !== this.generation || this.disposed) return;
      this.handleLoadError(error);
    }
  }

  private handleLoadError(error: unknown): void {
    if (isUnauthorized(error)) {
      this.close();
      this.update({ connection: 'unauthorized', error: messageOf(error) });
      return;
    }
    const now = this.timings.now();
    this.lostSinceMs ??= now;
    const lostLong = this.snapshot.status === null || now - this.lostSinceMs >= this.timings.graceMs;
    this.update({ connection: lostLong ? 'unreachable' : 'reconnecting', error: messageOf(error) });
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== null || this.disposed) return;
    const generation = this.generation;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.load(generation);
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, this.timings.retryMaxMs);
  }

  private handleEvent(generation: number, event: RuntimeEvent): void {
    if (generation !== this.generation) return;
    for (const listener of this.eventListeners) listener(event);
    if (event.type === 'log') return;
    if (this.pending !== null) {
      this.pending.push(event);
      return;
    }
    if (this.resync) {
      this.resync = false;
      this.scheduleRefresh();
    }
    const status = this.snapshot.status;
    if (status === null) return;
    const next = applyEvent(status, event);
    if (next === status) return;
    const processStartMs = event.type === 'state' ? this.withStart(event.service, event.pid, status) : this.snapshot.processStartMs;
    this.update({ status: next, processStartMs });
    this.scheduleRefresh();
  }

  private handleStreamError(generation: number, error: Error): void {
    if (generation !== this.generation || this.snapshot.connection !== 'online') return;
    this.resync = true;
    this.lostSinceMs = this.timings.now();
    this.update({ connection: 'reconnecting', error: error.message });
    // Probe /status: it tells a dropped stream (supervisor gone) from a refused login.
    void this.load(generation);
  }

  private withStart(service: string, pid: number | null, before: StatusResponse): Record<string, number | null> {
    const previous = before.services.find((candidate) => candidate.name === service);
    if (previous?.pid === pid) return this.snapshot.processStartMs as Record<string, number | null>;
    return { ...this.snapshot.processStartMs, [service]: pid === null ? null : this.timings.now() };
  }

  private startTimes(status: StatusResponse): Record<string, number | null> {
    const now = this.timings.now();
    return Object.fromEntries(status.services.map((service) => [service.name, service.uptimeMs === null ? null : now - service.uptimeMs]));
  }

  private update(patch: Partial<RuntimeSnapshot>): void {
    const next = { ...this.snapshot, ...patch };
    if (!next.reachedReady && next.status?.supervisor.state === 'ready') next.reachedReady = true;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
