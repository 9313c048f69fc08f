// The dashboard team's benchmarks (issue 7), when they exist: bench/renderer-size.ts (initial JS
// gzipped) and bench/renderer-render.ts (200 services, a 10,000-line log, without jank). Their
// output is quoted in RESULTS.md as they print it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { BenchContext } from '../lib/context.ts';
import { runLogged } from '../lib/spawn.ts';
import type { Figure } from '../report/model.ts';

/** One of the dashboard's own bench scripts. */
interface QuotedScript {
  readonly file: string;
  readonly title: string;
  readonly target: string;
}

/** The scripts, in RESULTS.md order. */
const DASHBOARD_SCRIPTS: readonly QuotedScript[] = [
  { file: 'renderer-size.ts', title: 'Dashboard: initial JS (gzipped)', target: 'under 200 KB gzipped (issue 7)' },
  { file: 'renderer-render.ts', title: 'Dashboard: 200 services and a 10,000-line log in headless Chromium', target: 'renders without jank (issue 7)' },
];

async function quote(ctx: BenchContext, script: QuotedScript): Promise<Figure | null> {
  const path = fileURLToPath(new URL(`../${script.file}`, import.meta.url));
  if (!existsSync(path)) return null;
  const out = join(ctx.newDir(script.file.replace(/\.ts$/, '')), 'out.txt');
  const code = await runLogged(process.execPath, [path], { env: ctx.env, cwd: fileURLToPath(new URL('../..', import.meta.url)), logFile: out, timeoutMs: 120_000 });
  const lines = readFileSync(out, 'utf8').trim().split('\n').filter((line) => line.trim() !== '').slice(-20);
  return {
    title: script.title,
    target: script.target,
    rows: [],
    verdicts: [],
    notes: [`\`bench/${script.file}\` (dashboard team) exited ${String(code)} and printed:`, ...lines.map((line) => `\`${line.replace(/`/g, "'")}\``)],
  };
}

/** Runs the dashboard's bench scripts that exist; failures become notes, never abort the bench. */
export async function measureDashboard(ctx: BenchContext): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const script of DASHBOARD_SCRIPTS) {
    try {
      const figure = await quote(ctx, script);
      if (figure !== null) figures.push(figure);
    } catch (error) {
      ctx.log(`  ${script.file} failed: ${String(error)}`);
    }
  }
  return figures;
}
