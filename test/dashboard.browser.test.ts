// The dashboard in a real (headless) Chromium against a real `berth run --dashboard`: the login
// URL sets a cookie and leaves the address bar, start-up turns ready live, logs stream, Restart
// changes the pid, Stop asks first (on the service page and on an overview row, by keyboard too),
// the secrets form unblocks a waiting service, a wrong token shows the login error, another origin
// cannot use the cookie, and a dead supervisor shows "not reachable". Screenshots of every screen land in test-artifacts/dashboard/.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatusResponse } from '../supervisor/src/control/contract.ts';
import { launchChromium, snapScreen, watchPageErrors } from './helpers/dashboard-browser.ts';
import { isAlive, startDashboardRun, type DashboardRun } from './helpers/dashboard-run.ts';

const BUNDLE = fileURLToPath(new URL('./fixtures/dashboard/bundle.json', import.meta.url));

describe('dashboard in Chromium against berth run --dashboard', () => {
  let run: DashboardRun;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  const status = async (): Promise<StatusResponse> => {
    const reply = await fetch(`${run.url}/status`, { headers: { authorization: `Bearer ${run.token}` } });
    return StatusResponse.parse(await reply.json());
  };
  const service = async (name: string) => (await status()).services.find((candidate) => candidate.name === name);
  const stepBadge = (name: string) => page.locator(`.step[data-service="${name}"] .badge`);
  const rowBadge = (name: string) => page.locator(`tr[data-service="${name}"] .badge`);
  const go = async (hash: string) => {
    await page.evaluate((target) => (window.location.hash = target), hash);
  };

  beforeAll(async () => {
    [run, browser] = await Promise.all([startDashboardRun(BUNDLE), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    pageErrors = watchPageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await run?.stop();
  });

  it('logs in with the URL, sets an HttpOnly SameSite=Strict cookie and strips the token', async () => {
    const response = await page.goto(run.loginUrl);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${run.url}/`);
    const cookies = await context.cookies(run.url);
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookies[0]?.value).not.toBe(run.token);
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  it('shows start-up live: states turn ready without a reload, waits and secrets named', async () => {
    await page.getByRole('heading', { level: 1, name: /Fixture Notes/ }).waitFor();
    await snapScreen(page, 'startup-early');
    await expect.poll(() => stepBadge('db').textContent(), { timeout: 20_000 }).toBe('Ready');
    await expect.poll(() => stepBadge('api').textContent(), { timeout: 20_000 }).toBe('Ready');
    await expect.poll(() => stepBadge('ui').textContent(), { timeout: 20_000 }).toBe('Ready');
    await expect.poll(() => stepBadge('worker').textContent()).toBe('Needs secrets');
    expect(await page.locator('.step[data-service="worker"] .step__detail').textContent()).toContain('NOTES_API_KEY');
    await snapScreen(page, 'startup');
  });

  it('shows the overview with pids, http ports as links and Open app', async () => {
    await go('#/overview');
    await expect.poll(() => rowBadge('api').textContent()).toBe('Ready');
    const api = await service('api');
    expect(await page.locator('tr[data-service="api"] td.num').first().textContent()).toBe(String(api?.pid));
    const portLink = page.locator('tr[data-service="api"] .ports a');
    expect(await portLink.getAttribute('href')).toBe(api?.ports.http?.url);
    expect(await page.getByRole('link', { name: 'Open Fixture Notes' }).getAttribute('href')).toBe((await status()).uiUrl);
    await snapScreen(page, 'overview');
    await page.getByRole('button', { name: 'Shut down' }).click();
    await page.getByRole('alertdialog', { name: 'Shut down Fixture Notes?' }).waitFor();
    await snapScreen(page, 'overview-shutdown-confirm');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('alertdialog').count()).toBe(0);
  });

  it('lists the pre-flight problem for the missing secret, with its fix', async () => {
    await go('#/preflight');
    const problems = page.getByRole('list', { name: 'Problems found' });
    await problems.waitFor();
    expect(await problems.textContent()).toContain('NOTES_API_KEY');
    expect(await problems.textContent()).toContain('Fix:');
    await snapScreen(page, 'preflight');
  });

  it('streams logs live, marks stderr, and filters', async () => {
    await go('#/services/api');
    const log = page.getByRole('log', { name: 'Log lines of api' });
    await log.locator('.log__row').first().waitFor();
    const lastTick = async () => Number(/tick (\d+)/.exec((await log.locator('.log__row').last().textContent()) ?? '')?.[1] ?? 0);
    const first = await lastTick();
    await expect.poll(lastTick, { timeout: 10_000 }).toBeGreaterThan(first + 3);
    expect(await log.locator('.log__row--stderr').count()).toBeGreaterThan(0);
    expect(await log.locator('.log__row--stderr').first().textContent()).toContain('(stderr)');
    await snapScreen(page, 'service-logs');
    await page.getByRole('searchbox', { name: 'Filter lines' }).fill('(stderr)');
    await expect.poll(async () => (await log.locator('.log__row').allTextContents()).every((text) => text.includes('(stderr)'))).toBe(true);
    await page.getByRole('searchbox', { name: 'Filter lines' }).fill('');
    // Scrolling up pauses following; Follow jumps back to the newest line.
    await log.hover();
    await page.mouse.wheel(0, -2000);
    await page.getByRole('button', { name: 'Follow', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
  });

  it('is keyboard navigable: skip link, then navigation', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'api' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
  });

  it('restarts a service: the pid changes and it is ready again', async () => {
    const before = (await service('api'))?.pid;
    await page.getByRole('button', { name: 'Restart', exact: true }).click();
    await expect.poll(async () => (await service('api'))?.pid, { timeout: 20_000 }).not.toBe(before);
    await expect.poll(() => page.locator('.screen-heading .badge').textContent(), { timeout: 20_000 }).toBe('Ready');
    const after = (await service('api'))?.pid;
    await expect.poll(() => page.locator('.facts__item').first().locator('dd').textContent()).toBe(String(after));
    await expect.poll(() => page.locator('.panel table tbody tr').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await snapScreen(page, 'service-after-restart');
  });

  it('asks before stopping, then stops and starts again', async () => {
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Stop api?' });
    await dialog.waitFor();
    await snapScreen(page, 'service-stop-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await service('api'))?.state).toBe('ready');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.getByRole('button', { name: 'Stop api' }).click();
    await expect.poll(async () => (await service('api'))?.state, { timeout: 20_000 }).toBe('stopped');
    await expect.poll(() => page.locator('.screen-heading .badge').textContent()).toBe('Stopped');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(async () => (await service('api'))?.state, { timeout: 20_000 }).toBe('ready');
  });

  it('restarts, stops (after asking) and starts a service from its overview row, by keyboard', async () => {
    await go('#/overview');
    const row = page.locator('tr[data-service="ui"]');
    const rowButton = (name: string) => page.getByRole('group', { name: 'Control ui' }).getByRole('button', { name, exact: true });
    await expect.poll(() => rowBadge('ui').textContent(), { timeout: 20_000 }).toBe('Ready');
    const before = (await service('ui'))?.pid;
    await rowButton('Restart').focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await service('ui'))?.pid, { timeout: 20_000 }).not.toBe(before);
    await expect.poll(() => rowBadge('ui').textContent(), { timeout: 20_000 }).toBe('Ready');
    await expect.poll(async () => row.locator('td.num').first().textContent()).toBe(String((await service('ui'))?.pid));

    await rowButton('Stop').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: 'Stop ui?' });
    await dialog.waitFor();
    expect(await page.locator('tr[data-detail-of="ui"]').count()).toBe(1);
    await snapScreen(page, 'overview-stop-confirm');
    // Focus starts on Cancel; the next Tab reaches the confirming button.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Stop ui');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await service('ui'))?.state, { timeout: 20_000 }).toBe('stopped');
    await expect.poll(() => rowBadge('ui').textContent()).toBe('Stopped');
    await rowButton('Start').click();
    await expect.poll(async () => (await service('ui'))?.state, { timeout: 20_000 }).toBe('ready');
    await expect.poll(() => rowBadge('ui').textContent()).toBe('Ready');
  });

  it('unblocks a waiting service through the secrets form, never showing the value', async () => {
    await go('#/secrets');
    const input = page.getByLabel('NOTES_API_KEY');
    await input.waitFor();
    expect(await input.getAttribute('type')).toBe('password');
    await snapScreen(page, 'secrets');
    await input.fill('s3cret-value-from-the-browser');
    await page.getByRole('button', { name: 'Save secret' }).click();
    await page.getByText(/Saved secret NOTES_API_KEY/).waitFor();
    expect(await page.content()).not.toContain('s3cret-value-from-the-browser');
    await expect.poll(async () => (await service('worker'))?.state, { timeout: 20_000 }).toBe('ready');
    await snapScreen(page, 'secrets-saved');
    await go('#/overview');
    await expect.poll(() => rowBadge('worker').textContent(), { timeout: 10_000 }).toBe('Ready');
    await expect.poll(() => run.output(), { timeout: 10_000 }).toContain(`/?token=`);
  });

  it('had no script errors or CSP violations so far', () => {
    expect(pageErrors).toEqual([]);
  });

  it('shows the login error for a wrong token', async () => {
    const stranger = await browser.newContext({ viewport: { width: 1280, height: 700 } });
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(`${run.url}/?token=not-the-token`);
    await strangerPage.getByRole('heading', { name: 'This login is not valid' }).waitFor();
    expect(strangerPage.url()).toBe(`${run.url}/`);
    await snapScreen(strangerPage, 'token-invalid');
    await stranger.close();
  });

  it('refuses the session cookie from another origin', async () => {
    // A page on another port of 127.0.0.1 is same-site (the Strict cookie is sent) but not
    // same-origin: its forged POST must not stop anything.
    const evil: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><form method="post" action="${run.url}/services/api/stop"></form><script>document.forms[0].submit()</script>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const evilPage = await context.newPage();
    const navigated = evilPage.waitForURL(`${run.url}/services/api/stop`);
    await evilPage.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    await navigated;
    expect(await evilPage.content()).toMatch(/FORBIDDEN|UNAUTHORIZED/);
    await evilPage.close();
    evil.close();
    expect((await service('api'))?.state).toBe('ready');
    // And a direct call with the cookie from a foreign Origin gets 403.
    const cookie = (await context.cookies(run.url)).map((entry) => `${entry.name}=${entry.value}`).join('; ');
    const reply = await fetch(`${run.url}/status`, { headers: { cookie, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(reply.status).toBe(403);
  });

  it('shows "not reachable" when the supervisor goes away, and leaves no process behind', async () => {
    const pids = (await status()).services.map((entry) => entry.pid).filter((pid): pid is number => pid !== null);
    await go('#/overview');
    const code = await run.stop();
    expect(code, run.output().split('\n').slice(-15).join('\n')).toBe(0);
    await page.getByRole('heading', { name: 'The supervisor is not reachable' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
    await snapScreen(page, 'unreachable');
    expect(pids.filter(isAlive)).toEqual([]);
  });
});
