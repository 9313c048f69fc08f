// A clock that moves only when a test says so: timers fire in due order as `advance` passes them,
// each with the clock reading its due time. Deterministic, no real sleeps.
import type { CancelTimer, Clock } from './clock.ts';

interface Pending {
  readonly dueAt: number;
  readonly order: number;
  readonly fn: () => void;
}

/** A fake Clock for tests. */
export class FakeClock implements Clock {
  private nowMs: number;
  private order = 0;
  private readonly pending = new Set<Pending>();

  constructor(startMs = Date.UTC(2026, 11, 7, 12, 0, 0)) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  setTimer(ms: number, fn: () => void): CancelTimer {
    const entry: Pending = { dueAt: this.nowMs + Math.max(0, ms), order: this.order++, fn };
    this.pending.add(entry);
    return () => this.pending.delete(entry);
  }

  /** Timers armed and not yet fired. */
  get timers(): number {
    return this.pending.size;
  }

  /** Moves time forward by `ms`, firing due timers in order; `settle` runs between timers (flush promises). */
  async advance(ms: number, settle: () => Promise<void> = flushPromises): Promise<void> {
    const target = this.nowMs + ms;
    await settle();
    for (;;) {
      const next = this.next(target);
      if (next === undefined) break;
      this.pending.delete(next);
      this.nowMs = next.dueAt;
      next.fn();
      await settle();
    }
    this.nowMs = target;
    await settle();
  }

  private next(until: number): Pending | undefined {
    let best: Pending | undefined;
    for (const entry of this.pending) {
      if (entry.dueAt > until) continue;
      if (best === undefined || entry.dueAt < best.dueAt || (entry.dueAt === best.dueAt && entry.order < best.order)) best = entry;
    }
    return best;
  }
}

/** Lets every promise chain that can settle now settle (a few macrotask turns). */
export async function flushPromises(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}
