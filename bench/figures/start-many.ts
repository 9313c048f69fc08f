// N independent services: supervisor launch → every service listening (each listener's own clock,
// read from the listen log: the same for every supervisor) and, for Berth, → /readyz 200; then
// the prompt shutdown of all of them (SIGTERM honoured, 1 s grace) and Berth's readiness lag
// (readyAt − the service's listen time).
// Each case runs one listener fixture (light: perl listener.pl; node: node listener.mjs).
import { join } from 'node:path';
import type { BenchContext } from '../lib/context.ts';
import { latestByService, readListenLog, waitAllListened } from '../lib/listen-log.ts';
import { allocatePorts } from '../lib/ports.ts';
import { waitAllGone } from '../lib/proc.ts';
import { waitPortsListening } from '../lib/poll.ts';
import { isBerthHandle, type BerthHandle } from '../peers/berth-driver.ts';
import type { PeerDriver, PeerHandle } from '../peers/driver.ts';
import type { StartCase } from '../plan.ts';
import type { ListenerKind } from '../scenarios/scenario.ts';
import { independentScenario } from '../scenarios/services.ts';
import { fetchServices, waitReadyz } from './berth-api.ts';
import { addSample, type PeerSamples } from './samples.ts';
import { rotate, withSession } from './session.ts';

/** What one case (listener × count) measured. */
export interface StartCaseData {
  readonly listener: ListenerKind;
  readonly count: number;
  /** supervisor → launch → all ports listening (ms), run i of each is one pair. */
  readonly external: PeerSamples;
  /** Berth launch → /readyz 200 (ms). */
  readonly readyz: number[];
  /** supervisor → shutdown signal → every service gone (ms). */
  readonly shutdown: PeerSamples;
  /** Berth: readyAt − listen time per service (ms), all runs pooled. */
  readonly readinessLag: number[];
}

/** Every case measured, in plan order. */
export interface StartManyData {
  readonly cases: StartCaseData[];
  /** Cases of the plan not run because the bench was past their time mark. */
  readonly skipped: Array<{ readonly listener: ListenerKind; readonly count: number; readonly afterS: number }>;
}

/** The data of one case, if it was run. */
export function findCase(data: StartManyData, listener: ListenerKind, count: number): StartCaseData | undefined {
  return data.cases.find((entry) => entry.listener === listener && entry.count === count);
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

async function measureOne(ctx: BenchContext, driver: PeerDriver, data: StartCaseData, run: number): Promise<void> {
  const { count, listener } = data;
  const dir = ctx.newDir(`start-${count}-${listener}-${driver.name}-${run}`);
  const listenLog = join(dir, 'listen.log');
  const ports = await allocatePorts(count);
  const scenario = independentScenario({ node: process.execPath, ports, listenLog, graceMs: 1000, listener });
  const timeoutMs = 30_000 + count * 500;
  await withSession(ctx, driver, scenario, dir, async (handle: PeerHandle, t0, t0Epoch) => {
    // "All listening" is the last service's own listen() time (its line in the listen log), then
    // checked from outside with one round of connects: no port polling while the start is timed.
    const external = waitAllListened(listenLog, scenario.services.map((service) => service.name), timeoutMs).then((first) => Math.max(...[...first.values()].map((entry) => entry.listenAt)) - t0Epoch);
    const readyz = isBerthHandle(handle) ? handle.control(timeoutMs).then((control) => waitReadyz(control, timeoutMs)).then((at) => at - t0) : Promise.resolve(null);
    const [externalMs, readyzMs] = await Promise.all([external, readyz]);
    await waitPortsListening(ports, 10_000);
    addSample(data.external, driver.name, externalMs);
    if (readyzMs !== null) data.readyz.push(readyzMs);
    if (isBerthHandle(handle)) data.readinessLag.push(...(await readinessLags(handle, listenLog)));
    ctx.log(`  ${driver.name} ${count} services (${listener}): all listening ${externalMs.toFixed(0)} ms${readyzMs === null ? '' : `, /readyz ${readyzMs.toFixed(0)} ms`}`);
    const pids = [...latestByService(readListenLog(listenLog)).values()].map((entry) => entry.pid);
    const stopAt = performance.now();
    await handle.shutdown(120_000);
    await waitAllGone(pids, 30_000);
    const shutdownMs = performance.now() - stopAt;
    addSample(data.shutdown, driver.name, shutdownMs);
    ctx.log(`  ${driver.name} ${count} services (${listener}): shutdown ${shutdownMs.toFixed(0)} ms`);
  });
}

/** Runs every case × run × supervisor (order rotated per run), within each case's marks. */
export async function measureStartMany(ctx: BenchContext, drivers: readonly PeerDriver[], cases: readonly StartCase[]): Promise<StartManyData> {
  const data: StartManyData = { cases: [], skipped: [] };
  for (const plan of cases) {
    if (plan.skipAfterS !== undefined && ctx.pastMark(plan.skipAfterS)) {
      ctx.log(`  ${plan.count} services (${plan.listener}): skipped (past ${plan.skipAfterS} s)`);
      data.skipped.push({ listener: plan.listener, count: plan.count, afterS: plan.skipAfterS });
      continue;
    }
    const entry: StartCaseData = { listener: plan.listener, count: plan.count, external: {}, readyz: [], shutdown: {}, readinessLag: [] };
    data.cases.push(entry);
    for (let run = 0; run < plan.runs && (run === 0 || !ctx.pastMark(plan.markS)); run++) {
      for (const driver of rotate(drivers, run)) {
        try {
          await measureOne(ctx, driver, entry, run);
        } catch (error) {
          ctx.log(`  ${driver.name} ${plan.count} services (${plan.listener}) run ${run + 1} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }
  return data;
}
