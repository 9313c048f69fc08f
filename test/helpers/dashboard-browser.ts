// Debian's Chromium driven by playwright-core for the dashboard browser tests, and screenshots
// of each screen in light and dark saved under test-artifacts/dashboard/ (not committed).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The Chromium binary (`apt-get install chromium`); BERTH_CHROMIUM overrides. */
export const CHROMIUM_PATH = process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium';
/** Where screenshots go. */
export const ARTIFACTS_DIR = join(root, 'test-artifacts/dashboard');

/** Launches headless Chromium with the flags that keep it quiet and sandbox-free in CI. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Saves `<name>-light.png` and `<name>-dark.png` of the page as it is now (in `dir`, default the dashboard's). */
export async function snapScreen(page: Page, name: string, dir: string = ARTIFACTS_DIR): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: join(dir, `${name}-${colorScheme}.png`), fullPage: true, animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Collects page errors and CSP violations (console errors) so a test can assert there were none. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}
