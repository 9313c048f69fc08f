// One service prints 200 MB of 100-byte lines as fast as its reader takes them; each supervisor
// captures it to its size-rotated log files. Throughput is the printer's own (bytes / time from
// first to last write accepted by the pipe); the supervisor's peak RSS (VmHWM) is read after.
// References without a supervisor: `node printer.mjs | cat > file` and `> /dev/null`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from '../lib/context.ts';
import { allocatePorts } from '../lib/ports.ts';
import { statusKb } from '../lib/proc.ts';
import { pollUntil } from '../lib/poll.ts';
import { runLogged } from '../lib/spawn.ts';
import type { PeerDriver } from '../peers/driver.ts';
import { fixturePath } from '../scenarios/scenario.ts';
import { printerScenario } from '../scenarios/services.ts';
import { addSample, type PeerSamples } from './samples.ts';
import { rotate, withSession } from './session.ts';

/** What the log-capture runs measured. */
export interface LogCaptureData {
  readonly throughput: PeerSamples;
  readonly peakRss: PeerSamples;
  readonly pipeToFile: number[];
  readonly devNull: number[];
}

/** MB/s from a PRINT_LOG line "<start ms> <end ms> <bytes>". */
function throughputOf(printLog: string): number | null {
  if (!existsSync(printLog)) return null;
  const [start, end, bytes] = readFileSync(printLog, 'utf8').trim().split(' ').map(Number);
  if (start === undefined || end === undefined || bytes === undefined || !(end > start)) return null;
  return bytes / (1024 * 1024) / ((end - start) / 1000);
}

async function reference(ctx: BenchContext, bytes: number, redirect: string, label: string): Promise<number> {
  const dir = ctx.newDir(`log-ref-${label}`);
  const printLog = join(dir, 'print.log');
  const target = redirect === 'file' ? `| cat > ${join(dir, 'out.log')}` : '> /dev/null';
  await runLogged('sh', ['-c', `"$NODE" "$PRINTER" ${target}`], { env: { ...ctx.env, NODE: process.execPath, PRINTER: fixturePath('printer.mjs'), PRINT_BYTES: String(bytes), PRINT_LOG: printLog, PRINT_EXIT: '1' }, cwd: dir, logFile: join(dir, 'sh.out'), timeoutMs: 120_000 });
  const value = throughputOf(printLog);
  if (value === null) throw new Error(`reference ${label}: no timing`);
  return value;
}

async function measureOne(ctx: BenchContext, driver: PeerDriver, bytes: number, data: LogCaptureData, run: number): Promise<void> {
  const dir = ctx.newDir(`log-${driver.name}-${run}`);
  const printLog = join(dir, 'print.log');
  const scenario = printerScenario({ node: process.execPath, ports: await allocatePorts(1), listenLog: join(dir, 'listen.log'), bytes, printLog });
  await withSession(ctx, driver, scenario, dir, async (handle) => {
    await pollUntil(() => throughputOf(printLog) !== null, 240_000, 20, `${driver.name}: printer done`);
    const mbps = throughputOf(printLog) ?? Number.NaN;
    const pids = await handle.supervisorPids();
    const peakMb = pids.reduce((sum, pid) => sum + statusKb(pid, 'VmHWM'), 0) / 1024;
    addSample(data.throughput, driver.name, mbps);
    addSample(data.peakRss, driver.name, peakMb);
    ctx.log(`  ${driver.name}: ${mbps.toFixed(0)} MB/s captured, peak RSS ${peakMb.toFixed(1)} MB`);
  });
}

/** Runs the references and every supervisor `runs` times. */
export async function measureLogCapture(ctx: BenchContext, drivers: readonly PeerDriver[], bytes: number, runs: number, markS: number): Promise<LogCaptureData> {
  const data: LogCaptureData = { throughput: {}, peakRss: {}, pipeToFile: [], devNull: [] };
  for (let run = 0; run < runs && (run === 0 || !ctx.pastMark(markS)); run++) {
    data.pipeToFile.push(await reference(ctx, bytes, 'file', `pipe-${run}`));
    data.devNull.push(await reference(ctx, bytes, 'null', `null-${run}`));
    ctx.log(`  raw pipe | cat > file: ${data.pipeToFile.at(-1)?.toFixed(0)} MB/s; > /dev/null: ${data.devNull.at(-1)?.toFixed(0)} MB/s`);
    for (const driver of rotate(drivers, run)) {
      try {
        await measureOne(ctx, driver, bytes, data, run);
      } catch (error) {
        ctx.log(`  ${driver.name} log run ${run + 1} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return data;
}
