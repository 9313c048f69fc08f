// Ten light services under each supervisor: once all listen and have been up for a while, the
// idle memory of the supervising processes (RSS, PSS, USS); then each service is killed with
// SIGKILL in turn, and the time from the kill to the new process existing (its own start clock)
// and to it listening is taken. Floors: each listener fixture spawned by the harness itself
// (spawn → its clock starts; its own idle memory).
import { join } from 'node:path';
import type { BenchContext } from '../lib/context.ts';
import { killQuietly } from '../lib/cleanup.ts';
import { epochNow, latestByService, readListenLog, type ListenEntry } from '../lib/listen-log.ts';
import { allocatePorts } from '../lib/ports.ts';
import { statusKb, totalMemoryMb } from '../lib/proc.ts';
import { pollUntil, waitPortsListening } from '../lib/poll.ts';
import { spawnLogged } from '../lib/spawn.ts';
import type { PeerDriver } from '../peers/driver.ts';
import { baseEnv, fixturePath, LISTENERS, PERL, type ListenerKind } from '../scenarios/scenario.ts';
import { independentScenario } from '../scenarios/services.ts';
import { addSample, type PeerSamples } from './samples.ts';
import { rotate, sleep, withSession } from './session.ts';

/** The listener the ten-service sessions run (see the restart and idle figures' notes). */
export const RESTART_LISTENER: ListenerKind = 'light';

/** One listener fixture run alone by the harness. */
export interface FixtureFloor {
  /** harness spawn() → the new process's own clock starts (ms), per sample. */
  readonly spawnToClock: number[];
  /** Idle memory of one such process (MB), per sample. */
  readonly rss: number[];
  readonly pss: number[];
  readonly uss: number[];
}

/** What the ten-service sessions measured. */
export interface RestartIdleData {
  /** Supervisor memory (MB) at idle, per run: VmRSS, PSS and USS (Private_Clean + Private_Dirty). */
  readonly idleRss: PeerSamples;
  readonly idlePss: PeerSamples;
  readonly idleUss: PeerSamples;
  /** kill → new process started (ms), every kill. */
  readonly respawn: PeerSamples;
  /** kill → new process listening (ms), every kill. */
  readonly relisten: PeerSamples;
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
  const scenario = independentScenario({ node: process.execPath, ports, listenLog, graceMs: 1000, listener: RESTART_LISTENER });
  await withSession(ctx, driver, scenario, dir, async (handle) => {
    await waitPortsListening(ports, 60_000);
    // s6 and supervisord treat an exit in a service's first second as a failed start (delayed retry).
    await sleep(settleMs);
    const pids = await handle.supervisorPids();
    const rssMb = pids.reduce((sum, pid) => sum + statusKb(pid, 'VmRSS'), 0) / 1024;
    const memory = totalMemoryMb(pids);
    addSample(data.idleRss, driver.name, rssMb);
    addSample(data.idlePss, driver.name, memory.pss);
    addSample(data.idleUss, driver.name, memory.uss);
    const respawn: number[] = [];
    for (const entry of latestByService(readListenLog(listenLog)).values()) {
      const next = await killAndWait(listenLog, entry);
      respawn.push(next.startedAt);
      addSample(data.respawn, driver.name, next.startedAt);
      addSample(data.relisten, driver.name, next.listenAt);
      await sleep(50);
    }
    ctx.log(`  ${driver.name}: idle RSS ${rssMb.toFixed(1)} MB, PSS ${memory.pss.toFixed(1)} MB, USS ${memory.uss.toFixed(1)} MB (${pids.length} process(es)); kill -9 → new process ${respawn.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  });
}

/** Runs `runs` ten-service sessions per supervisor. */
export async function measureRestartIdle(ctx: BenchContext, drivers: readonly PeerDriver[], count: number, settleMs: number, runs: number, markS: number): Promise<RestartIdleData> {
  const data: RestartIdleData = { idleRss: {}, idlePss: {}, idleUss: {}, respawn: {}, relisten: {} };
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

/**
 * Floors of one listener fixture, spawned `samples` times by the harness (no supervisor): spawn()
 * → the process's own clock (the floor of "kill → new process started"), and its idle memory.
 */
export async function measureFixtureFloor(ctx: BenchContext, listener: ListenerKind, samples: number): Promise<FixtureFloor> {
  const floor: FixtureFloor = { spawnToClock: [], rss: [], pss: [], uss: [] };
  const { runtime, file } = LISTENERS[listener];
  const dir = ctx.newDir(`floor-${listener}`);
  for (let i = 0; i < samples; i++) {
    const [port = 0] = await allocatePorts(1);
    const listenLog = join(dir, `listen-${i}.log`);
    const spawnAt = epochNow();
    const spawned = spawnLogged(runtime === 'node' ? process.execPath : PERL, [fixturePath(file)], { env: { ...ctx.env, ...baseEnv(`floor${i}`, port, listenLog) }, cwd: dir, logFile: join(dir, 'floor.out') });
    try {
      await pollUntil(() => readListenLog(listenLog).length > 0, 15_000, 1, `${file} listening`);
      const entry = readListenLog(listenLog)[0];
      if (entry !== undefined) floor.spawnToClock.push(entry.startedAt - spawnAt);
      // Idle memory once: after start-up garbage has settled.
      if (i === samples - 1) {
        await sleep(500);
        const memory = totalMemoryMb([spawned.pid]);
        floor.rss.push(statusKb(spawned.pid, 'VmRSS') / 1024);
        floor.pss.push(memory.pss);
        floor.uss.push(memory.uss);
      }
    } finally {
      killQuietly(spawned.pid, 'SIGKILL');
      await spawned.exited;
    }
    await sleep(20);
  }
  return floor;
}

