// A chain of 10 services, each waiting for the previous one to be ready (Berth only: pm2 and
// supervisord have no readiness-gated dependencies, s6 needs s6-rc). Each service listens
// `startDelayMs` after it boots. Compared with the sum of the services' own start times
// (boot → listening, from each process's own clock), the rest is Berth's per-level overhead.
// Run with the light listener (the verdict) and with the Node listener (shown beside it).
import { join } from 'node:path';
import type { BenchContext } from '../lib/context.ts';
import { latestByService, readListenLog } from '../lib/listen-log.ts';
import { allocatePorts } from '../lib/ports.ts';
import { summarize } from '../lib/stats.ts';
import { berthDriver, isBerthHandle } from '../peers/berth-driver.ts';
import type { Figure, FigureRow } from '../report/model.ts';
import { LISTENERS, type ListenerKind } from '../scenarios/scenario.ts';
import { chainScenario } from '../scenarios/services.ts';
import { fetchServices, waitReadyz } from './berth-api.ts';
import { withSession } from './session.ts';

/** Chain samples, plus the readiness lags it observed per listener. */
export interface ChainData {
  readonly figure: Figure;
  readonly readinessLag: Record<ListenerKind, number[]>;
}

interface ChainSamples {
  readonly total: number[];
  readonly span: number[];
  readonly ownSum: number[];
  readonly perLevel: number[];
  readonly lags: number[];
}

async function runChain(ctx: BenchContext, listener: ListenerKind, levels: number, startDelayMs: number, run: number, into: ChainSamples): Promise<void> {
  const dir = ctx.newDir(`chain-${listener}-${run}`);
  const listenLog = join(dir, 'listen.log');
  const scenario = chainScenario({ node: process.execPath, ports: await allocatePorts(levels), listenLog, startDelayMs, listener });
  await withSession(ctx, berthDriver, scenario, dir, async (handle, t0) => {
    if (!isBerthHandle(handle)) throw new Error('not berth');
    const readyAt = await waitReadyz(await handle.control(60_000), 60_000, 5);
    const listened = latestByService(readListenLog(listenLog));
    const services = await fetchServices(await handle.control());
    const first = listened.get(scenario.services[0]?.name ?? '');
    const lastName = scenario.services.at(-1)?.name ?? '';
    const lastReady = services.find((service) => service.name === lastName)?.readyAt ?? null;
    if (first === undefined || lastReady === null) throw new Error('chain incomplete');
    const own = [...listened.values()].reduce((sum, entry) => sum + (entry.listenAt - entry.startedAt), 0);
    const chainSpan = Date.parse(lastReady) - first.startedAt;
    for (const service of services) {
      const entry = listened.get(service.name);
      if (entry !== undefined && service.readyAt !== null) into.lags.push(Date.parse(service.readyAt) - entry.listenAt);
    }
    into.total.push(readyAt - t0);
    into.span.push(chainSpan);
    into.ownSum.push(own);
    into.perLevel.push((chainSpan - own) / levels);
    ctx.log(`  chain of ${levels} (${listener}): /readyz ${(readyAt - t0).toFixed(0)} ms, first boot → last ready ${chainSpan.toFixed(0)} ms, own start times ${own.toFixed(0)} ms, overhead ${((chainSpan - own) / levels).toFixed(1)} ms/level`);
  });
}

function rowsOf(listener: ListenerKind, samples: ChainSamples): FigureRow[] {
  const label = LISTENERS[listener].label;
  return [
    { label: `${label}: launch → /readyz 200 (includes supervisor start-up)`, unit: 'ms', samples: { berth: samples.total } },
    { label: `${label}: first service boot → last service ready`, unit: 'ms', samples: { berth: samples.span } },
    { label: `${label}: sum of the services' own start times (boot → listening)`, unit: 'ms', samples: { berth: samples.ownSum } },
    { label: `${label}: Berth overhead per level ((span − sum) / levels)`, unit: 'ms', samples: { berth: samples.perLevel } },
  ];
}

/** Measures the chain figure: `runs.light` light runs (the verdict), then `runs.node` Node runs. */
export async function measureChain(ctx: BenchContext, levels: number, startDelayMs: number, runs: Readonly<Record<ListenerKind, number>>, markS: number): Promise<ChainData> {
  const measured: Record<ListenerKind, ChainSamples> = {
    light: { total: [], span: [], ownSum: [], perLevel: [], lags: [] },
    node: { total: [], span: [], ownSum: [], perLevel: [], lags: [] },
  };
  for (const listener of ['light', 'node'] as const) {
    for (let run = 0; run < runs[listener] && (run === 0 || !ctx.pastMark(markS)); run++) {
      try {
        await runChain(ctx, listener, levels, startDelayMs, run, measured[listener]);
      } catch (error) {
        ctx.log(`  chain (${listener}) run ${run + 1} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  const overhead = summarize(measured.light.perLevel);
  const nodeOverhead = summarize(measured.node.perLevel);
  return {
    readinessLag: { light: measured.light.lags, node: measured.node.lags },
    figure: {
      title: `Chain of ${levels} dependent services → all ready`,
      target: "≈ sum of the services' own start times + < 20 ms per level",
      rows: [...rowsOf('light', measured.light), ...(measured.node.perLevel.length > 0 ? rowsOf('node', measured.node) : [])],
      verdicts: [{ target: 'overhead < 20 ms per level (light listener)', measured: `median ${overhead.median.toFixed(1)} ms per level${nodeOverhead.n > 0 ? ` (Node listener, no verdict: ${nodeOverhead.median.toFixed(1)} ms per level)` : ''}`, pass: overhead.median < 20 }],
      notes: [
        `Each service listens ${startDelayMs} ms after its process starts (its own start time is its boot + ${startDelayMs} ms, read from the process's own clock). Per-level overhead = dependency ready detection + scheduling + spawn of the next process, up to the moment its clock starts.`,
        'The verdict is on the light listener (`perl listener.pl`, ≈ 5 ms spawn → listening): the per-level overhead is then Berth\'s. With `node listener.mjs` each level also boots a Node (≈ 100 ms of CPU) while Berth probes it on the same 2 cores, and the exec of the 100 MB node binary before its clock starts counts as overhead; those rows are shown without a verdict.',
        'Peers: n/a — pm2 and supervisord have no readiness-gated dependencies (supervisord `priority` only orders the spawns), and s6 needs s6-rc, which is not part of the s6 package.',
      ],
    },
  };
}
