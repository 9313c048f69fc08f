// N independent services: supervisor launch → every port listening (the same external poll for
// every supervisor) and, for Berth, → /readyz 200; then the prompt shutdown of all of them
// (SIGTERM honoured, 1 s grace) and Berth's readiness lag (readyAt − the service's listen time).
import { join } from 'node:path';
import type { BenchContext } from '../lib/context.ts';
import { latestByService, readListenLog } from '../lib/listen-log.ts';
import { allocatePorts } from '../lib/ports.ts';
import { waitAllGone } from '../lib/proc.ts';
import { waitPortsListening } from '../lib/poll.ts';
import { isBerthHandle, type BerthHandle } from '../peers/berth-driver.ts';
import type { PeerDriver, PeerHandle } from '../peers/driver.ts';
import { independentScenario } from '../scenarios/services.ts';
import { fetchServices, waitReadyz } from './berth-api.ts';
import { addSample, type PeerSamples } from './samples.ts';
import { rotate, withSession } from './session.ts';

/** Everything the start-many runs measured. */
export interface StartManyData {
  /** count → supervisor → launch → all ports listening (ms). */
  readonly external: Map<number, PeerSamples>;
  /** count → Berth launch → /readyz 200 (ms). */
  readonly readyz: Map<number, number[]>;
  /** count → supervisor → shutdown signal → every service gone (ms). */
  readonly shutdown: Map<number, PeerSamples>;
  /** Berth: readyAt − listen time per service (ms), all runs pooled. */
  readonly readinessLag: number[];
}

/** Berth's readiness lag per service of a finished start. */
async function readinessLags(handle: BerthHandle, listenLog: string): Promise<number[]> {
  const listened = latestByService(readListenLog(listenLog));
  const services = await fetchServices(await handle.control());
  const lags: number[] = [];
  for (const service of services) {
    const entry = listened.get(service.name);
    if (entry !== undefined && service.readyAt !== null) lags.push(Date.parse(service.readyAt) - entry.listenAt);
  }
  return lags;
}

async function measureOne(ctx: BenchContext, driver: PeerDriver, count: number, data: StartManyData, run: number): Promise<void> {
  const dir = ctx.newDir(`start-${count}-${driver.name}-${run}`);
  const listenLog = join(dir, 'listen.log');
  const ports = await allocatePorts(count);
  const scenario = independentScenario({ node: process.execPath, ports, listenLog, graceMs: 1000 });
  const timeoutMs = 30_000 + count * 500;
  await withSession(ctx, driver, scenario, dir, async (handle: PeerHandle, t0) => {
    const external = waitPortsListening(ports, timeoutMs).then((seen) => Math.max(...seen.values()) - t0);
    const readyz = isBerthHandle(handle) ? handle.control(timeoutMs).then((control) => waitReadyz(control, timeoutMs)).then((at) => at - t0) : Promise.resolve(null);
    const [externalMs, readyzMs] = await Promise.all([external, readyz]);
    addSample(data.external.get(count) ?? {}, driver.name, externalMs);
    if (readyzMs !== null) data.readyz.get(count)?.push(readyzMs);
    if (isBerthHandle(handle)) data.readinessLag.push(...(await readinessLags(handle, listenLog)));
    ctx.log(`  ${driver.name} ${count} services: all listening ${externalMs.toFixed(0)} ms${readyzMs === null ? '' : `, /readyz ${readyzMs.toFixed(0)} ms`}`);
    const pids = [...latestByService(readListenLog(listenLog)).values()].map((entry) => entry.pid);
    const stopAt = performance.now();
    await handle.shutdown(120_000);
    await waitAllGone(pids, 30_000);
    const shutdownMs = performance.now() - stopAt;
    addSample(data.shutdown.get(count) ?? {}, driver.name, shutdownMs);
    ctx.log(`  ${driver.name} ${count} services: shutdown ${shutdownMs.toFixed(0)} ms`);
  });
}

/** Runs every count × run × supervisor (order rotated per run); runs[i] runs of counts[i], repetitions skipped past marksS[i]. */
export async function measureStartMany(ctx: BenchContext, drivers: readonly PeerDriver[], counts: readonly number[], runsPerCount: readonly number[], marksS: readonly number[]): Promise<StartManyData> {
  const data: StartManyData = { external: new Map(), readyz: new Map(), shutdown: new Map(), readinessLag: [] };
  for (const [index, count] of counts.entries()) {
    const runs = runsPerCount[index] ?? 1;
    const markS = marksS[index] ?? 0;
    data.external.set(count, {});
    data.readyz.set(count, []);
    data.shutdown.set(count, {});
    for (let run = 0; run < runs && (run === 0 || !ctx.pastMark(markS)); run++) {
      for (const driver of rotate(drivers, run)) {
        try {
          await measureOne(ctx, driver, count, data, run);
        } catch (error) {
          ctx.log(`  ${driver.name} ${count} services run ${run + 1} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }
  return data;
}
