// A chain of 10 services, each waiting for the previous one to be ready (Berth only: pm2 and
// supervisord have no readiness-gated dependencies, s6 needs s6-rc). Each service listens
// `startDelayMs` after it boots. Compared with the sum of the services' own start times
// (boot → listening, from each process's own clock), the rest is Berth's per-level overhead.
import { join } from 'node:path';
import type { BenchContext } from '../lib/context.ts';
import { latestByService, readListenLog } from '../lib/listen-log.ts';
import { allocatePorts } from '../lib/ports.ts';
import { summarize } from '../lib/stats.ts';
import { berthDriver, isBerthHandle } from '../peers/berth-driver.ts';
import type { Figure } from '../report/model.ts';
import { chainScenario } from '../scenarios/services.ts';
import { fetchServices, waitReadyz } from './berth-api.ts';
import { withSession } from './session.ts';

/** Chain samples, plus the readiness lags it observed. */
export interface ChainData {
  readonly figure: Figure;
  readonly readinessLag: number[];
}

/** Measures the chain figure. */
export async function measureChain(ctx: BenchContext, levels: number, startDelayMs: number, runs: number, markS: number): Promise<ChainData> {
  const total: number[] = [];
  const span: number[] = [];
  const ownSum: number[] = [];
  const perLevel: number[] = [];
  const lags: number[] = [];
  for (let run = 0; run < runs && (run === 0 || !ctx.pastMark(markS)); run++) {
    const dir = ctx.newDir(`chain-${run}`);
    const listenLog = join(dir, 'listen.log');
    const scenario = chainScenario({ node: process.execPath, ports: await allocatePorts(levels), listenLog, startDelayMs });
    try {
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
          if (entry !== undefined && service.readyAt !== null) lags.push(Date.parse(service.readyAt) - entry.listenAt);
        }
        total.push(readyAt - t0);
        span.push(chainSpan);
        ownSum.push(own);
        perLevel.push((chainSpan - own) / levels);
        ctx.log(`  chain of ${levels}: /readyz ${(readyAt - t0).toFixed(0)} ms, first boot → last ready ${chainSpan.toFixed(0)} ms, own start times ${own.toFixed(0)} ms, overhead ${((chainSpan - own) / levels).toFixed(1)} ms/level`);
      });
    } catch (error) {
      ctx.log(`  chain run ${run + 1} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const overhead = summarize(perLevel);
  return {
    readinessLag: lags,
    figure: {
      title: `Chain of ${levels} dependent services → all ready`,
      target: "≈ sum of the services' own start times + < 20 ms per level",
      rows: [
        { label: 'launch → /readyz 200 (includes supervisor start-up)', unit: 'ms', samples: { berth: total } },
        { label: 'first service boot → last service ready', unit: 'ms', samples: { berth: span } },
        { label: "sum of the services' own start times (boot → listening)", unit: 'ms', samples: { berth: ownSum } },
        { label: 'Berth overhead per level ((span − sum) / levels)', unit: 'ms', samples: { berth: perLevel } },
      ],
      verdicts: [{ target: 'overhead < 20 ms per level', measured: `median ${overhead.median.toFixed(1)} ms per level`, pass: overhead.median < 20 }],
      notes: [
        `Each service listens ${startDelayMs} ms after its process starts (its own start time is Node's boot + ${startDelayMs} ms, read from the process's own clock). Per-level overhead = dependency ready detection + scheduling + spawn of the next process.`,
        'Peers: n/a — pm2 and supervisord have no readiness-gated dependencies (supervisord `priority` only orders the spawns), and s6 needs s6-rc, which is not part of the s6 package.',
      ],
    },
  };
}
