// `npm run bench`: every figure, Berth side by side with the Node floor, pm2, supervisord and s6
// on the same machine in the same run, written to bench/RESULTS.md. Everything started is cleaned
// up on success, failure or Ctrl-C. BENCH_QUICK=1 runs a small plan (development only).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildFigures, measureAll } from './measure-all.ts';
import { createContext } from './lib/context.ts';
import { measureFileCreation } from './lib/fs-cost.ts';
import { describeMachine, loadAverage } from './lib/machine.ts';
import { ensurePeerPackages } from './lib/peers-install.ts';
import { FULL_PLAN, QUICK_PLAN } from './plan.ts';
import { renderResults } from './report/render.ts';

const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const quick = process.env.BENCH_QUICK === '1';
const plan = quick ? QUICK_PLAN : FULL_PLAN;
const log = (message: string) => process.stdout.write(`${message}\n`);
const began = performance.now();
const ctx = createContext(log);

let interrupted = false;
const onSignal = (signal: NodeJS.Signals) => {
  if (interrupted) process.exit(130);
  interrupted = true;
  log(`bench: ${signal}: cleaning up`);
  void ctx.cleanup.runAll(log).finally(() => process.exit(130));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
  const { available, notes } = ensurePeerPackages(log);
  const loadBefore = loadAverage();
  const fsCost = measureFileCreation(ctx.root);
  log(`bench: ${quick ? 'QUICK plan' : 'full plan'}; temp dir ${ctx.root}; load average ${loadBefore}`);
  const measured = await measureAll(ctx, plan, available);
  const figures = buildFigures(measured, plan);
  const durationS = (performance.now() - began) / 1000;
  const text = renderResults(
    {
      date: new Date().toISOString(),
      machine: [...describeMachine(), `File creation where the supervisors keep their state (${ctx.root}): mkdir ${fsCost.mkdirUs} µs, create ${fsCost.createUs} µs of CPU each (median of 100; BENCH_ROOT moves it)`],
      durationS,
      notes: [
        `Load average (1/5/15 min) at start ${loadBefore}, at end ${loadAverage()} — the machine is shared, so absolute figures are noisy; the ratios pair runs made back to back.`,
        ...(quick ? ['QUICK plan (BENCH_QUICK=1): small sizes, not the issue\'s figures.'] : []),
        ...notes,
      ],
    },
    figures,
  );
  writeFileSync(RESULTS, `${text}\n`);
  log(`bench: wrote ${RESULTS} in ${durationS.toFixed(0)} s`);
} catch (error) {
  log(`bench: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await ctx.cleanup.runAll(log);
}
