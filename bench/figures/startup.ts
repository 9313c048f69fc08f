// Supervisor launch → control interface answering, with a one-service bundle: Berth's GET
// /healthz; pm2's daemon reporting ready on its IPC channel; supervisord's XML-RPC answering
// getState; s6-svscan's control FIFO present. The floor, in its own column: `node -e 0` (spawn →
// exit), measured in the same run just before; `berth --version` beside it. The one service is a
// light listener, so its boot does not compete with the supervisor's for the CPU.
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../lib/context.ts';
import { killQuietly } from '../lib/cleanup.ts';
import { allocatePorts } from '../lib/ports.ts';
import { httpGet, httpPost, pollUntil } from '../lib/poll.ts';
import { runLogged, within } from '../lib/spawn.ts';
import { startBerth, berthCli } from '../peers/berth-driver.ts';
import type { PeerName } from '../peers/driver.ts';
import { pm2Kill } from '../peers/pm2-driver.ts';
import { startSupervisord } from '../peers/supervisord-driver.ts';
import { s6Driver } from '../peers/s6-driver.ts';
import { independentScenario } from '../scenarios/services.ts';
import type { Figure } from '../report/model.ts';
import { pairedDifferences, summarize } from '../lib/stats.ts';
import { addSample, type PeerSamples } from './samples.ts';
import { rotate, sweep } from './session.ts';

const PM2_DAEMON = fileURLToPath(new URL('../../node_modules/pm2/lib/Daemon.js', import.meta.url));
const GET_STATE = '<?xml version="1.0"?><methodCall><methodName>supervisor.getState</methodName><params></params></methodCall>';

async function timeCommand(ctx: BenchContext, args: readonly string[], dir: string): Promise<number> {
  const t0 = performance.now();
  const code = await runLogged(process.execPath, args, { env: ctx.env, cwd: dir, logFile: join(dir, 'floor.out') });
  if (code !== 0) throw new Error(`${args.join(' ')} exited ${String(code)}`);
  return performance.now() - t0;
}

async function berthReady(ctx: BenchContext, dir: string): Promise<number> {
  const [controlPort = 0, port = 0] = await allocatePorts(2);
  const scenario = { ...independentScenario({ node: process.execPath, ports: [port], listenLog: join(dir, 'listen.log'), listener: 'light' }), readiness: 'none' as const };
  const t0 = performance.now();
  const handle = await startBerth({ scenario, dir, cleanup: ctx.cleanup, env: ctx.env }, ['--control-port', String(controlPort)]);
  try {
    await pollUntil(async () => (await httpGet(`http://127.0.0.1:${controlPort}/healthz`).catch(() => null))?.status === 200, 30_000, 1, 'berth /healthz');
    return performance.now() - t0;
  } finally {
    await handle.destroy();
  }
}

async function pm2Ready(ctx: BenchContext, dir: string): Promise<number> {
  const home = join(dir, 'pm2-home');
  mkdirSync(home, { recursive: true });
  const fd = openSync(join(dir, 'pm2-daemon.out'), 'a');
  const t0 = performance.now();
  const child = spawn(process.execPath, [PM2_DAEMON], { cwd: dir, detached: true, env: { ...ctx.env, SILENT: 'true', PM2_HOME: home }, stdio: ['ignore', fd, fd, 'ipc'] });
  closeSync(fd);
  ctx.cleanup.add('pm2 daemon', () => killQuietly(child.pid ?? 0, 'SIGKILL'));
  try {
    const ready = new Promise<void>((resolve) => child.once('message', () => resolve()));
    if (!(await within(ready, 30_000))) throw new Error('pm2 daemon did not report ready');
    const elapsed = performance.now() - t0;
    child.disconnect();
    return elapsed;
  } finally {
    await pm2Kill(home, ctx.env, dir).catch(() => undefined);
    killQuietly(child.pid ?? 0, 'SIGKILL');
  }
}

async function supervisordReady(ctx: BenchContext, dir: string): Promise<number> {
  const [port = 0] = await allocatePorts(1);
  const scenario = independentScenario({ node: process.execPath, ports: [port], listenLog: join(dir, 'listen.log'), listener: 'light' });
  const t0 = performance.now();
  const handle = await startSupervisord({ scenario, dir, cleanup: ctx.cleanup, env: ctx.env });
  try {
    await pollUntil(async () => (await httpPost(handle.rpcUrl, GET_STATE, 'text/xml').catch(() => null))?.status === 200, 30_000, 1, 'supervisord XML-RPC');
    return performance.now() - t0;
  } finally {
    await handle.destroy();
  }
}

async function s6Ready(ctx: BenchContext, dir: string): Promise<number> {
  const [port = 0] = await allocatePorts(1);
  const scenario = independentScenario({ node: process.execPath, ports: [port], listenLog: join(dir, 'listen.log'), listener: 'light' });
  const t0 = performance.now();
  const handle = await s6Driver.start({ scenario, dir, cleanup: ctx.cleanup, env: ctx.env });
  try {
    await pollUntil(() => existsSync(join(dir, 'scan', '.s6-svscan', 'control')), 30_000, 1, 's6-svscan control FIFO');
    return performance.now() - t0;
  } finally {
    await handle.destroy();
  }
}

const READY: Record<Exclude<PeerName, 'floor'>, (ctx: BenchContext, dir: string) => Promise<number>> = { berth: berthReady, pm2: pm2Ready, supervisord: supervisordReady, s6: s6Ready };

/** Measures the start-up figure. */
export async function measureStartup(ctx: BenchContext, peers: readonly PeerName[], runs: number, markS: number): Promise<Figure> {
  const ready: PeerSamples = {};
  const nodeFloor: number[] = (ready.floor = []);
  const versionFloor: number[] = [];
  for (let run = 0; run < runs && (run === 0 || !ctx.pastMark(markS)); run++) {
    const dir = ctx.newDir(`startup-${run}`);
    nodeFloor.push(await timeCommand(ctx, ['-e', '0'], dir));
    versionFloor.push(await timeCommand(ctx, [berthCli(), '--version'], dir));
    for (const peer of rotate(peers.filter((name) => name !== 'floor'), run)) {
      try {
        addSample(ready, peer, await READY[peer](ctx, ctx.newDir(`startup-${peer}-${run}`)));
      } catch (error) {
        ctx.log(`  startup ${peer} run ${run + 1} failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        await sweep(ctx);
      }
    }
  }
  const berth = summarize(ready.berth ?? []);
  const over = summarize(pairedDifferences(ready.berth ?? [], nodeFloor));
  ctx.log(`  start → control ready: ${Object.entries(ready).map(([peer, samples]) => `${peer} ${summarize(samples).median.toFixed(0)} ms`).join(', ')}`);
  return {
    title: 'Supervisor start → control API ready',
    target: '≤ the floor (`node -e 0`) + 60 ms',
    rows: [
      { label: 'launch → control interface answering (1-service bundle); Node floor: `node -e 0`, spawn → exit', unit: 'ms', samples: ready },
      { label: 'reference: `berth --version` (spawn → exit)', unit: 'ms', samples: { berth: versionFloor } },
    ],
    verdicts: [{ target: 'launch → control API answering ≤ node -e 0 + 60 ms', measured: `Berth ${berth.median.toFixed(0)} ms, node -e 0 ${summarize(nodeFloor).median.toFixed(0)} ms: floor + ${over.median.toFixed(0)} ms (median of the runs' differences, ${over.min.toFixed(0)}–${over.max.toFixed(0)})`, pass: over.median <= 60 }],
    notes: [
      'Berth: spawn of `berth run` → GET /healthz 200 (polled every 1 ms on a fixed --control-port). pm2: spawn of its Daemon.js → the daemon\'s "ready" IPC message (what the pm2 CLI waits for). supervisord: spawn → XML-RPC supervisor.getState answers. s6: spawn of s6-svscan → its control FIFO exists.',
      'The bundle\'s one service is the light listener (`perl listener.pl`): a Node service booting during the supervisor\'s own start-up would take CPU from it on this 2-core machine (pm2\'s bare daemon start involves no service at all).',
    ],
  };
}
