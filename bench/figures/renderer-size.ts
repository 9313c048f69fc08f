// The dashboard team's bench/renderer-size.ts (initial JS gzipped), when it exists: its output
// is quoted in RESULTS.md as it prints it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from '../lib/context.ts';
import { runLogged } from '../lib/spawn.ts';
import type { Figure } from '../report/model.ts';

const SCRIPT = fileURLToPath(new URL('../renderer-size.ts', import.meta.url));

/** Runs it and wraps its output as a figure; null when the script does not exist. */
export async function measureRendererSize(ctx: BenchContext): Promise<Figure | null> {
  if (!existsSync(SCRIPT)) return null;
  const dir = ctx.newDir('renderer-size');
  const out = join(dir, 'out.txt');
  const code = await runLogged(process.execPath, [SCRIPT], { env: ctx.env, cwd: fileURLToPath(new URL('../..', import.meta.url)), logFile: out, timeoutMs: 120_000 });
  const lines = readFileSync(out, 'utf8').trim().split('\n').filter((line) => line.trim() !== '').slice(-20);
  return {
    title: 'Dashboard: initial JS (gzipped)',
    target: 'under 200 KB gzipped (issue 7)',
    rows: [],
    verdicts: [],
    notes: [`\`bench/renderer-size.ts\` (dashboard team) exited ${String(code)} and printed:`, ...lines.map((line) => `\`${line.replace(/`/g, "'")}\``)],
  };
}
