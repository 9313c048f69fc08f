// Issue 7 benchmark: the production dashboard in headless Chromium renders an overview of 200
// services and a 10,000-line log (tail) while 500 lines/s stream in, without jank. Reports time
// to render, long tasks (>50 ms), the worst frame gap, and how many log rows are in the DOM.
// Run after `npm run build`: `node bench/renderer-render.ts [--json]`.
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { startFakeApi } from './renderer-fake-api.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const SERVICES = 200;
const TAIL_LINES = 10_000;
const LINES_PER_SECOND = 500;

/** Figures of one phase. */
export interface PhaseFigures {
  phase: string;
  readyMs: number | null;
  longTasks: number;
  longestTaskMs: number;
  worstFrameGapMs: number;
  frames: number;
  domRows: number | null;
}

// Installed before any page script: counts long tasks and frame gaps into window.__bench.
const PROBE = `
  window.__bench = { longTasks: [], frames: [] };
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__bench.longTasks.push(entry.duration); }).observe({ type: 'longtask', buffered: true });
  const frame = (t) => { window.__bench.frames.push(t); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
`;

async function resetProbe(page: Page): Promise<void> {
  await page.evaluate('window.__bench.longTasks = []; window.__bench.frames = [];');
}

async function collect(page: Page, phase: string, readyMs: number | null, rowsSelector: string | null): Promise<PhaseFigures> {
  const raw = (await page.evaluate('({ longTasks: window.__bench.longTasks, frames: window.__bench.frames })')) as { longTasks: number[]; frames: number[] };
  let worst = 0;
  for (let index = 1; index < raw.frames.length; index++) worst = Math.max(worst, (raw.frames[index] ?? 0) - (raw.frames[index - 1] ?? 0));
  const domRows = rowsSelector === null ? null : await page.locator(rowsSelector).count();
  return { phase, readyMs, longTasks: raw.longTasks.length, longestTaskMs: Math.round(Math.max(0, ...raw.longTasks)), worstFrameGapMs: Math.round(worst), frames: raw.frames.length, domRows };
}

/** Runs the three phases and returns their figures. */
export async function benchRendererRender(): Promise<PhaseFigures[]> {
  const api = await startFakeApi({ dir: `${root}dist/renderer`, services: SERVICES, tailLines: TAIL_LINES, linesPerSecond: LINES_PER_SECOND });
  const browser = await chromium.launch({
    executablePath: process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(PROBE);
    const results: PhaseFigures[] = [];

    let started = Date.now();
    await page.goto(`${api.url}/#/overview`);
    await page.waitForFunction((count) => document.querySelectorAll('tr[data-service]').length === count, SERVICES);
    const overviewMs = Date.now() - started;
    await page.waitForTimeout(1000);
    results.push(await collect(page, `overview: ${SERVICES} services`, overviewMs, 'tr[data-service]'));

    await resetProbe(page);
    started = Date.now();
    await page.evaluate(() => (window.location.hash = '#/services/svc-000'));
    await page.waitForFunction((count) => (document.querySelector('.logs__meta')?.textContent ?? '').includes(count), TAIL_LINES.toLocaleString('en-US'));
    const logMs = Date.now() - started;
    await page.waitForTimeout(2000);
    results.push(await collect(page, `log: ${TAIL_LINES} lines + ${LINES_PER_SECOND} lines/s, following`, logMs, '.log__row'));

    await resetProbe(page);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.evaluate(async () => {
      const scroller = document.querySelector('.log');
      if (scroller === null) return;
      for (let step = 0; step < 120; step++) {
        scroller.scrollTop = (scroller.scrollHeight * step) / 120;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    });
    results.push(await collect(page, 'log: scroll through 10,000 lines (paused)', null, '.log__row'));

    await resetProbe(page);
    await page.getByRole('searchbox', { name: 'Filter lines' }).fill('upstream');
    await page.waitForTimeout(1000);
    results.push(await collect(page, 'log: filter 10,000 lines', null, '.log__row'));
    return results;
  } finally {
    await browser.close();
    await api.close();
  }
}

if (import.meta.main) {
  const figures = await benchRendererRender();
  if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
  else {
    console.log(`headless Chromium, ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(1) ?? '?'} (long task = main thread busy > 50 ms)`);
    for (const f of figures) {
      const ready = f.readyMs === null ? '' : `ready in ${f.readyMs} ms, `;
      const rows = f.domRows === null ? '' : `, ${f.domRows} rows in the DOM`;
      console.log(`${f.phase}: ${ready}${f.longTasks} long tasks (longest ${f.longestTaskMs} ms), worst frame gap ${f.worstFrameGapMs} ms over ${f.frames} frames${rows}`);
    }
  }
}
