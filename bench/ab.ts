// Interleaved A/B of two Berth builds on the bench's own figures (`node bench/ab.ts A.mjs B.mjs
// [figure] [rounds]`): each round runs the figure once with build A, then once with build B (the
// order alternating), so both see the same machine load. Prints the medians and B/A. The
// figures: startup (launch → /healthz), start50 / start200 (light services → all listening),
// restart (kill -9 → respawn), log (desktop capture MB/s), handoff (Notes apply → all ready).
import { resolve } from 'node:path';
import { createContext } from './lib/context.ts';
import { summarize } from './lib/stats.ts';
import { measureStartup } from './figures/startup.ts';
import { measureStartMany } from './figures/start-many.ts';
import { measureRestartIdle } from './figures/restart-idle.ts';
import { measureHandoff } from './figures/handoff.ts';
import { measureLogCapture } from './figures/log-capture.ts';
import { berthDesktopDriver, berthDriver } from './peers/berth-driver.ts';
import type { BenchContext } from './lib/context.ts';

type FigureName = 'startup' | 'start50' | 'start200' | 'restart' | 'log' | 'handoff';

/** One run of a figure with the current build: its headline number (and its unit). */
async function measure(ctx: BenchContext, figure: FigureName): Promise<number> {
  switch (figure) {
    case 'startup': {
      const result = await measureStartup(ctx, ['berth'], 1, Number.POSITIVE_INFINITY);
      return summarize(result.rows[0]?.samples.berth ?? []).median;
    }
    case 'start50':
    case 'start200': {
      const count = figure === 'start50' ? 50 : 200;
      const data = await measureStartMany(ctx, [berthDriver], [{ listener: 'light', count, runs: 1, markS: Number.POSITIVE_INFINITY }]);
      return summarize(data.cases[0]?.external.berth ?? []).median;
    }
    case 'restart': {
      const data = await measureRestartIdle(ctx, [berthDriver], 10, 1500, 1, Number.POSITIVE_INFINITY);
      return summarize(data.respawn.berth ?? []).median;
    }
    case 'handoff': {
      const data = await measureHandoff(ctx, 1, Number.POSITIVE_INFINITY);
      return summarize(data.handoff).median;
    }
    case 'log': {
      const data = await measureLogCapture(ctx, [berthDesktopDriver], 100 * 1024 * 1024, 1, Number.POSITIVE_INFINITY);
      return summarize(data.equal.throughput.berth ?? []).median;
    }
  }
}

const [a = '', b = '', figure = 'startup', roundsText = '5'] = process.argv.slice(2);
const builds = [resolve(a), resolve(b)];
const rounds = Number(roundsText);
const ctx = createContext((message) => process.stdout.write(`${message}\n`));
const samples: number[][] = [[], []];
try {
  for (let round = 0; round < rounds; round++) {
    for (const index of round % 2 === 0 ? [0, 1] : [1, 0]) {
      process.env.BENCH_BERTH_CLI = builds[index];
      const value = await measure(ctx, figure as FigureName);
      samples[index]?.push(value);
      process.stdout.write(`round ${round + 1} ${index === 0 ? 'A' : 'B'}: ${value.toFixed(1)}\n`);
    }
  }
  const [medianA, medianB] = samples.map((values) => summarize(values).median);
  process.stdout.write(`${figure}: A median ${medianA?.toFixed(1)} (${samples[0]?.map((v) => v.toFixed(0)).join(' ')}), B median ${medianB?.toFixed(1)} (${samples[1]?.map((v) => v.toFixed(0)).join(' ')}), B/A ${((medianB ?? 0) / (medianA ?? 1)).toFixed(3)}\n`);
} finally {
  await ctx.cleanup.runAll((message) => process.stdout.write(`${message}\n`));
}
