// One measured session: start a scenario under a supervisor, measure, then always tear down and
// make sure nothing of it survives (a leftover would skew the next measurement).
import { killQuietly, markedPids } from '../lib/cleanup.ts';
import type { BenchContext } from '../lib/context.ts';
import { epochNow } from '../lib/listen-log.ts';
import { waitAllGone } from '../lib/proc.ts';
import type { PeerDriver, PeerHandle } from '../peers/driver.ts';
import type { Scenario } from '../scenarios/scenario.ts';

/**
 * Starts `scenario` under `driver`, runs `body`, then cleans up. `body` gets the start's time twice,
 * both taken just before it: `t0` (performance.now) and `t0Epoch` (wall clock, the fixtures' clock).
 */
export async function withSession<T>(ctx: BenchContext, driver: PeerDriver, scenario: Scenario, dir: string, body: (handle: PeerHandle, t0: number, t0Epoch: number) => Promise<T>): Promise<T> {
  const t0Epoch = epochNow();
  const t0 = performance.now();
  const handle = await driver.start({ scenario, dir, cleanup: ctx.cleanup, env: ctx.env });
  try {
    return await body(handle, t0, t0Epoch);
  } finally {
    await handle.destroy().catch((error: unknown) => ctx.log(`  ${driver.name}: destroy failed: ${String(error)}`));
    await sweep(ctx);
  }
}

/** Kills whatever process of this bench run is still alive, and waits until it is gone. */
export async function sweep(ctx: BenchContext): Promise<void> {
  const left = markedPids(ctx.cleanup.mark);
  if (left.length === 0) return;
  for (const pid of left) killQuietly(pid, 'SIGKILL');
  await waitAllGone(left, 5000).catch(() => undefined);
}

/** Rotates the list so run i starts with a different supervisor (no position bias). */
export function rotate<T>(items: readonly T[], run: number): T[] {
  const shift = run % Math.max(1, items.length);
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/** Sleeps ms. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
