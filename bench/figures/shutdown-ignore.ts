// Shutdown of N services that ignore SIGTERM, with a 1 s grace period: every supervisor must
// SIGKILL them after the grace. Berth signals all of them at once, so ≈ 1 s, not N s. Light
// listeners: their boot is not part of the figure, and 50 Node boots per run would only cost time.
import { join } from 'node:path';
import type { BenchContext } from '../lib/context.ts';
import { latestByService, readListenLog } from '../lib/listen-log.ts';
import { allocatePorts } from '../lib/ports.ts';
import { waitAllGone } from '../lib/proc.ts';
import { waitPortsListening } from '../lib/poll.ts';
import type { PeerDriver } from '../peers/driver.ts';
import { independentScenario } from '../scenarios/services.ts';
import { addSample, type PeerSamples } from './samples.ts';
import { rotate, sleep, withSession } from './session.ts';

/** Shutdown signal → every service gone (ms), per supervisor. */
export async function measureShutdownIgnoringTerm(ctx: BenchContext, drivers: readonly PeerDriver[], count: number, runs: number, markS: number): Promise<PeerSamples> {
  const samples: PeerSamples = {};
  for (let run = 0; run < runs && (run === 0 || !ctx.pastMark(markS)); run++) {
    for (const driver of rotate(drivers, run)) {
      const dir = ctx.newDir(`shutdown-ignore-${driver.name}-${run}`);
      const listenLog = join(dir, 'listen.log');
      const ports = await allocatePorts(count);
      const scenario = independentScenario({ node: process.execPath, ports, listenLog, graceMs: 1000, ignoreTerm: true, listener: 'light' });
      try {
        await withSession(ctx, driver, scenario, dir, async (handle) => {
          await waitPortsListening(ports, 60_000 + count * 500);
          await sleep(300);
          const pids = [...latestByService(readListenLog(listenLog)).values()].map((entry) => entry.pid);
          const t0 = performance.now();
          await handle.shutdown(180_000);
          await waitAllGone(pids, 60_000);
          const ms = performance.now() - t0;
          addSample(samples, driver.name, ms);
          ctx.log(`  ${driver.name}: shutdown of ${count} services ignoring SIGTERM ${ms.toFixed(0)} ms`);
        });
      } catch (error) {
        ctx.log(`  ${driver.name} shutdown run ${run + 1} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return samples;
}
