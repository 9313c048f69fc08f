// One service prints 200 MB of 100-byte lines as fast as its reader takes them; each supervisor
// captures it to its size-rotated log files. Throughput is the printer's own (bytes / time from
// first to last write accepted by the pipe); the supervisor's peak RSS (VmHWM) is read after.
// Equal work: Berth timestamps every line of its log files, so the peers that can are run with
// per-line timestamps too (pm2 `time: true`, s6-log `T`); supervisord has no such option. Berth's
// headline run is the desktop profile (log files only); the headless profile (files + an echo of
// every line on its stdout) and the peers without timestamps are extra rows, run fewer times.
// References without a supervisor: `node printer.mjs | cat > file`, `| node node-cat.mjs file`
// (the floor of any Node supervisor: batched writev, no framing) and `> /dev/null`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from '../lib/context.ts';
import { allocatePorts } from '../lib/ports.ts';
import { statusKb } from '../lib/proc.ts';
import { pollUntil } from '../lib/poll.ts';
import { runLogged } from '../lib/spawn.ts';
import { berthDesktopDriver, berthDriver } from '../peers/berth-driver.ts';
import type { PeerDriver, PeerName } from '../peers/driver.ts';
import { makePm2Driver } from '../peers/pm2-driver.ts';
import { makeS6Driver } from '../peers/s6-driver.ts';
import { fixturePath } from '../scenarios/scenario.ts';
import { printerScenario } from '../scenarios/services.ts';
import { addSample, type PeerSamples } from './samples.ts';
import { rotate, withSession } from './session.ts';

/** One measured setup: a supervisor in one configuration. */
export type LogSetup = 'berth-desktop' | 'berth-headless' | 'pm2-time' | 'pm2' | 's6-time' | 's6' | 'supervisord';

/** Samples of one row group: throughput and peak RSS per supervisor. */
export interface LogSamples {
  readonly throughput: PeerSamples;
  readonly peakRss: PeerSamples;
}

/** What the log-capture runs measured. */
export interface LogCaptureData {
  /** Equal work: Berth desktop, pm2 `time: true`, s6-log `T`, supervisord (no timestamp option). */
  readonly equal: LogSamples;
  /** Berth headless (files + echo on stdout). */
  readonly headless: LogSamples;
  /** The peers without timestamps (supervisord: the same runs as in `equal`). */
  readonly plain: LogSamples;
  readonly pipeToFile: number[];
  readonly nodeCat: number[];
  readonly devNull: number[];
}

/** How each setup is started, and where its samples go. */
interface SetupRun {
  readonly setup: LogSetup;
  readonly driver: PeerDriver;
  readonly into: readonly (keyof Pick<LogCaptureData, 'equal' | 'headless' | 'plain'>)[];
  /** Measured on every run (the ratios) or only on the first (extra rows). */
  readonly everyRun: boolean;
}

/** The setups of the figure, in the order of run 0 (later runs are rotated). */
export function logSetups(drivers: readonly PeerDriver[]): SetupRun[] {
  const has = (name: PeerName) => drivers.some((driver) => driver.name === name);
  const supervisord = drivers.find((driver) => driver.name === 'supervisord');
  const all: (SetupRun & { peer: PeerName })[] = [
    { peer: 'berth', setup: 'berth-desktop', driver: berthDesktopDriver, into: ['equal'], everyRun: true },
    { peer: 'pm2', setup: 'pm2-time', driver: makePm2Driver({ time: true }), into: ['equal'], everyRun: true },
    ...(supervisord === undefined ? [] : [{ peer: 'supervisord' as const, setup: 'supervisord' as const, driver: supervisord, into: ['equal', 'plain'] as const, everyRun: true }]),
    { peer: 's6', setup: 's6-time', driver: makeS6Driver({ timestamp: true }), into: ['equal'], everyRun: true },
    { peer: 'berth', setup: 'berth-headless', driver: berthDriver, into: ['headless'], everyRun: false },
    { peer: 'pm2', setup: 'pm2', driver: makePm2Driver(), into: ['plain'], everyRun: false },
    { peer: 's6', setup: 's6', driver: makeS6Driver(), into: ['plain'], everyRun: false },
  ];
  return all.filter((entry) => has(entry.peer)).map(({ setup, driver, into, everyRun }) => ({ setup, driver, into, everyRun }));
}

/** MB/s from a PRINT_LOG line "<start ms> <end ms> <bytes>". */
function throughputOf(printLog: string): number | null {
  if (!existsSync(printLog)) return null;
  const [start, end, bytes] = readFileSync(printLog, 'utf8').trim().split(' ').map(Number);
  if (start === undefined || end === undefined || bytes === undefined || !(end > start)) return null;
  return bytes / (1024 * 1024) / ((end - start) / 1000);
}

/** The shell pipelines of the references (the printer's stdout to a file, or to nowhere). */
export const REFERENCE_TARGETS = {
  cat: '| cat > "$OUT"',
  'node-cat': '| "$NODE" "$NODE_CAT" "$OUT"',
  null: '> /dev/null',
} as const;

async function reference(ctx: BenchContext, bytes: number, kind: keyof typeof REFERENCE_TARGETS, label: string): Promise<number> {
  const dir = ctx.newDir(`log-ref-${label}`);
  const printLog = join(dir, 'print.log');
  const env = { ...ctx.env, NODE: process.execPath, PRINTER: fixturePath('printer.mjs'), NODE_CAT: fixturePath('node-cat.mjs'), OUT: join(dir, 'out.log'), PRINT_BYTES: String(bytes), PRINT_LOG: printLog, PRINT_EXIT: '1' };
  await runLogged('sh', ['-c', `"$NODE" "$PRINTER" ${REFERENCE_TARGETS[kind]}`], { env, cwd: dir, logFile: join(dir, 'sh.out'), timeoutMs: 120_000 });
  const value = throughputOf(printLog);
  if (value === null) throw new Error(`reference ${label}: no timing`);
  return value;
}

async function measureOne(ctx: BenchContext, entry: SetupRun, bytes: number, data: LogCaptureData, run: number): Promise<void> {
  const { driver, setup } = entry;
  const dir = ctx.newDir(`log-${setup}-${run}`);
  const printLog = join(dir, 'print.log');
  const scenario = printerScenario({ node: process.execPath, ports: await allocatePorts(1), listenLog: join(dir, 'listen.log'), bytes, printLog });
  await withSession(ctx, driver, scenario, dir, async (handle) => {
    await pollUntil(() => throughputOf(printLog) !== null, 240_000, 20, `${driver.name}: printer done`);
    const mbps = throughputOf(printLog) ?? Number.NaN;
    const pids = await handle.supervisorPids();
    const peakMb = pids.reduce((sum, pid) => sum + statusKb(pid, 'VmHWM'), 0) / 1024;
    for (const group of entry.into) {
      addSample(data[group].throughput, driver.name, mbps);
      addSample(data[group].peakRss, driver.name, peakMb);
    }
    ctx.log(`  ${setup}: ${mbps.toFixed(0)} MB/s captured, peak RSS ${peakMb.toFixed(1)} MB`);
  });
}

/**
 * Runs the references and the equal-work setups `runs` times, the extra setups (Berth headless,
 * peers without timestamps) once. `drivers` says which supervisors are available.
 */
export async function measureLogCapture(ctx: BenchContext, drivers: readonly PeerDriver[], bytes: number, runs: number, markS: number): Promise<LogCaptureData> {
  const empty = (): LogSamples => ({ throughput: {}, peakRss: {} });
  const data: LogCaptureData = { equal: empty(), headless: empty(), plain: empty(), pipeToFile: [], nodeCat: [], devNull: [] };
  const setups = logSetups(drivers);
  for (let run = 0; run < runs && (run === 0 || !ctx.pastMark(markS)); run++) {
    data.pipeToFile.push(await reference(ctx, bytes, 'cat', `cat-${run}`));
    data.nodeCat.push(await reference(ctx, bytes, 'node-cat', `node-cat-${run}`));
    data.devNull.push(await reference(ctx, bytes, 'null', `null-${run}`));
    ctx.log(`  | cat > file: ${data.pipeToFile.at(-1)?.toFixed(0)} MB/s; | node node-cat.mjs: ${data.nodeCat.at(-1)?.toFixed(0)} MB/s; > /dev/null: ${data.devNull.at(-1)?.toFixed(0)} MB/s`);
    for (const entry of rotate(setups.filter((setup) => run === 0 || setup.everyRun), run)) {
      try {
        await measureOne(ctx, entry, bytes, data, run);
      } catch (error) {
        ctx.log(`  ${entry.setup} log run ${run + 1} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return data;
}
