// Ten services under each supervisor: once all listen and have been up for a while, the idle RSS
// of the supervising processes; then each service is killed with SIGKILL in turn, and the time
// from the kill to the new process existing (its own start clock) and to it listening is taken.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { BenchContext } from '../lib/context.ts';
import { killQuietly } from '../lib/cleanup.ts';
import { epochNow, latestByService, readListenLog, type ListenEntry } from '../lib/listen-log.ts';
import { allocatePorts } from '../lib/ports.ts';
import { statusKb } from '../lib/proc.ts';
import { pollUntil, waitPortsListening } from '../lib/poll.ts';
import type { PeerDriver } from '../peers/driver.ts';
import { independentScenario } from '../scenarios/services.ts';
import { addSample, type PeerSamples } from './samples.ts';
import { rotate, sleep, withSession } from './session.ts';

/** What the ten-service sessions measured. */
export interface RestartIdleData {
  /** Supervisor RSS (MB) at idle, per run. */
  readonly idleRss: PeerSamples;
  /** kill → new process started (ms), every kill. */
  readonly respawn: PeerSamples;
  /** kill → new process listening (ms), every kill. */
  readonly relisten: PeerSamples;
  /** RSS (MB) of one idle service process (`node listener.mjs`): the runtime's own floor. */
  readonly serviceRss: number[];
}

async function killAndWait(listenLog: string, old: ListenEntry): Promise<ListenEntry> {
  const killAt = epochNow();
  killQuietly(old.pid, 'SIGKILL');
  let next: ListenEntry | undefined;
  await pollUntil(() => {
    next = latestByService(readListenLog(listenLog)).get(old.name);
    return next !== undefined && next.pid !== old.pid;
  }, 15_000, 1, `${old.name} restarted`);
  if (next === undefined) throw new Error('no restart');
  return { ...next, listenAt: next.listenAt - killAt, startedAt: next.startedAt - killAt };
}

async function measureOne(ctx: BenchContext, driver: PeerDriver, count: number, settleMs: number, data: RestartIdleData, run: number): Promise<void> {
  const dir = ctx.newDir(`restart-${driver.name}-${run}`);
  const listenLog = join(dir, 'listen.log');
  const ports = await allocatePorts(count);
  const scenario = independentScenario({ node: process.execPath, ports, listenLog, graceMs: 1000 });
  await withSession(ctx, driver, scenario, dir, async (handle) => {
    await waitPortsListening(ports, 60_000);
    // s6 and supervisord treat an exit in a service's first second as a failed start (delayed retry).
    await sleep(settleMs);
    const pids = await handle.supervisorPids();
    const rssMb = pids.reduce((sum, pid) => sum + statusKb(pid, 'VmRSS'), 0) / 1024;
    addSample(data.idleRss, driver.name, rssMb);
    const oneService = [...latestByService(readListenLog(listenLog)).values()][0];
    if (oneService !== undefined) data.serviceRss.push(statusKb(oneService.pid, 'VmRSS') / 1024);
    const respawn: number[] = [];
    for (const entry of latestByService(readListenLog(listenLog)).values()) {
      const next = await killAndWait(listenLog, entry);
      respawn.push(next.startedAt);
      addSample(data.respawn, driver.name, next.startedAt);
      addSample(data.relisten, driver.name, next.listenAt);
      await sleep(50);
    }
    ctx.log(`  ${driver.name}: idle RSS ${rssMb.toFixed(1)} MB (${pids.length} process(es)); kill -9 → new process ${respawn.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  });
}

/** Runs `runs` ten-service sessions per supervisor. */
export async function measureRestartIdle(ctx: BenchContext, drivers: readonly PeerDriver[], count: number, settleMs: number, runs: number, markS: number): Promise<RestartIdleData> {
  const data: RestartIdleData = { idleRss: {}, respawn: {}, relisten: {}, serviceRss: [] };
  for (let run = 0; run < runs && (run === 0 || !ctx.pastMark(markS)); run++) {
    for (const driver of rotate(drivers, run)) {
      try {
        await measureOne(ctx, driver, count, settleMs, data, run);
      } catch (error) {
        ctx.log(`  ${driver.name} restart run ${run + 1} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return data;
}

/** The floor of "kill → new process started": harness spawn() → the new node process's clock origin. */
export async function measureSpawnFloor(ctx: BenchContext, samples: number): Promise<number[]> {
  const floor: number[] = [];
  for (let i = 0; i < samples; i++) {
    const spawnAt = epochNow();
    const child = spawn(process.execPath, ['-e', 'process.stdout.write(String(performance.timeOrigin))'], { env: ctx.env, stdio: ['ignore', 'pipe', 'ignore'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    await new Promise((resolve) => child.once('close', resolve));
    floor.push(Number(text) - spawnAt);
    await sleep(20);
  }
  return floor;
}
