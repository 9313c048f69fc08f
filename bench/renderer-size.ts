// Issue 7 benchmark: the dashboard's initial JavaScript (entry script + modulepreloads named by
// dist/renderer/index.html), gzipped, must stay under 200 KB. Run after `npm run build`:
// `node bench/renderer-size.ts [--json]`; exits 1 when over budget.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../', import.meta.url));
/** The budget from issue 7. */
export const INITIAL_JS_BUDGET_BYTES = 200 * 1024;

/** Size of one initial script. */
export interface ScriptSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
}

/** The measurement: every initial script and the gzipped total against the budget. */
export interface RendererSize {
  scripts: ScriptSize[];
  rawBytes: number;
  gzipBytes: number;
  budgetBytes: number;
  withinBudget: boolean;
}

/** Scripts index.html loads up front: `<script src>` and `<link rel="modulepreload" href>`. */
export function initialScripts(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) if (match[1] !== undefined) found.add(match[1]);
  for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) if (match[1] !== undefined) found.add(match[1]);
  return [...found];
}

/** Measures dist/renderer (or `dir`). */
export async function measureRendererSize(dir = `${root}dist/renderer`): Promise<RendererSize> {
  const html = await readFile(`${dir}/index.html`, 'utf8');
  const scripts: ScriptSize[] = [];
  for (const src of initialScripts(html)) {
    const data = await readFile(`${dir}/${src.replace(/^\.?\//, '')}`);
    scripts.push({ file: src, rawBytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length });
  }
  const gzipBytes = scripts.reduce((sum, script) => sum + script.gzipBytes, 0);
  const rawBytes = scripts.reduce((sum, script) => sum + script.rawBytes, 0);
  return { scripts, rawBytes, gzipBytes, budgetBytes: INITIAL_JS_BUDGET_BYTES, withinBudget: gzipBytes < INITIAL_JS_BUDGET_BYTES };
}

if (import.meta.main) {
  const size = await measureRendererSize();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(size));
  } else {
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    for (const script of size.scripts) console.log(`${script.file}: ${kb(script.rawBytes)} raw, ${kb(script.gzipBytes)} gzip`);
    console.log(`renderer initial JS: ${kb(size.gzipBytes)} gzipped (budget ${kb(size.budgetBytes)}) — ${size.withinBudget ? 'ok' : 'OVER BUDGET'}`);
  }
  if (!size.withinBudget) process.exitCode = 1;
}
