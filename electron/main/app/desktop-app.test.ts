// The whole shell against the fake Electron and a real (fake) supervisor process: start-up,
// IPC, events to the window, tray, navigation guard, secrets remembered across runs, crash loop,
// update and failure notifications, start at login, and a quit that leaves no process behind.
import { existsSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, EVENT_ERROR_CHANNEL, EVENT_RESYNC_CHANNEL, INVOKE_CHANNELS } from '../../ipc/channels.ts';
import { createFakeElectron, type FakeElectron } from '../../test/fake-electron.ts';
import { fakeSupervisorCommand, isAlive, killAll, makeTempDir, recordedPids, waitFor, waitGone } from '../../test/helpers.ts';
import type { UpdaterPort } from '../updates/flow.ts';
import { silentLogger } from '../logging.ts';
import { DASHBOARD_URL, dashboardServiceUrl } from '../windows/dashboard-protocol.ts';
import { AT_LOGIN_ARG } from '../login-item/at-login.ts';
import { parseHash } from '../../../renderer/src/routing/hash-route.ts';
import { runDesktopApp, type DesktopApp } from './desktop-app.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A repo-like folder (bundle.json, renderer) and a userData folder. */
async function workspace() {
  const temp = await makeTempDir('app');
  const repoRoot = path.join(temp.dir, 'repo');
  await mkdir(path.join(repoRoot, 'renderer'), { recursive: true });
  await writeFile(path.join(repoRoot, 'bundle.json'), JSON.stringify({ app: { id: 'dev.test.app', name: 'Testy' }, ui: { service: 'svc' } }));
  await writeFile(path.join(repoRoot, 'renderer', 'index.html'), '<!doctype html><title>dash</title>');
  const pidFile = path.join(temp.dir, 'pids');
  cleanups.push(async () => {
    killAll(await recordedPids(pidFile));
    await temp.remove();
  });
  return { repoRoot, userData: path.join(temp.dir, 'user'), pidFile };
}

type FakeOptions = Omit<Parameters<typeof createFakeElectron>[0], 'userData'>;

async function start(ws: Awaited<ReturnType<typeof workspace>>, mode = 'ok', extra: Partial<Parameters<typeof runDesktopApp>[0]> = {}, fakeOptions: FakeOptions = {}, supervisorEnv: Record<string, string> = {}) {
  const fake = createFakeElectron({ userData: ws.userData, ...fakeOptions });
  const app = await runDesktopApp({
    electron: fake.api,
    log: silentLogger,
    logFile: path.join(ws.userData, 'state', 'logs', 'desktop.log'),
    repoRoot: ws.repoRoot,
    rendererDir: path.join(ws.repoRoot, 'renderer'),
    preloadPath: '/preload.cjs',
    trayIconDir: '/icons',
    updater: null,
    checkUpdatesOnStart: false,
    command: () => fakeSupervisorCommand(mode, { FAKE_PID_FILE: ws.pidFile, ...supervisorEnv }),
    handshakeTimeoutMs: 5_000,
    shutdownGraceMs: 5_000,
    ...extra,
  });
  if (!app) throw new Error('no app');
  cleanups.push(() => app.shutdown());
  return { fake, app };
}

async function quit(fake: FakeElectron) {
  fake.api.app.quit();
  await waitFor(() => fake.quits === 1, 15_000, 'the app to quit');
}

describe('desktop app (fake Electron, real supervisor process)', () => {
  it('starts, serves IPC and events to its window, and quits leaving no process', async () => {
    const ws = await workspace();
    const { fake, app } = await start(ws);
    const [window] = fake.windows;
    if (!window) throw new Error('no window');
    expect(window.loads[0]).toBe(DASHBOARD_URL);
    expect(app.paths.stateDir).toBe(path.join(ws.userData, 'state'));

    // The dashboard scheme serves dist/renderer with a CSP header.
    const response = await fake.protocolHandlers.get('berth')?.(new Request('berth://app/index.html'));
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fake.protocolHandlers.get('berth')?.(new Request('berth://app/..%2f..%2fbundle.json')))?.status).toBe(404);

    // IPC waits for the supervisor during start-up, then answers.
    const reply = await fake.invoke(window, INVOKE_CHANNELS.status);
    expect(reply).toMatchObject({ ok: true, value: { services: [{ name: 'svc', state: 'ready' }] } });
    await expect(fake.invoke(window, INVOKE_CHANNELS.tailLogs, 'svc', 'ten')).resolves.toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    // One /events subscription, pushed to the window; the tray follows (debounced).
    await waitFor(() => window.sent.some((s) => s.channel === EVENT_CHANNEL), 5_000, 'an event in the window');
    await waitFor(() => fake.tray.tooltips.includes('Testy — ready'), 5_000, 'the tray to say ready');
    expect(fake.tray.images.at(-1)).toBe('/icons/tray-ready.png');

    // Navigation guard on the real window.
    expect(window.navigate('https://example.com/help')).toBe(true);
    expect(fake.opened.external).toEqual(['https://example.com/help']);
    expect(window.navigate('file:///etc/passwd')).toBe(true);
    expect(window.navigate('berth://app/index.html#/logs')).toBe(false);
    expect(window.openHandler?.({ url: 'https://example.com/x' })).toEqual({ action: 'deny' });

    // Tray actions.
    const menu = fake.tray.menus.at(-1) ?? [];
    menu.find((item) => item.label === 'Open logs folder')?.click?.({} as never, undefined, {} as never);
    expect(fake.opened.paths).toEqual([path.join(ws.userData, 'state', 'logs')]);
    // Save diagnostic report…: the supervisor's GET /report, saved where the person chose (default: Downloads).
    const chosen = path.join(path.dirname(ws.pidFile), 'saved-report.tar.gz');
    fake.saveDialog.answer = chosen;
    menu.find((item) => item.label === 'Save diagnostic report…')?.click?.({} as never, undefined, {} as never);
    await waitFor(() => existsSync(chosen) || fake.dialogs.length > 0, 5_000, 'the report to be saved');
    expect(fake.dialogs).toEqual([]);
    expect(fake.saveDialog.asked).toEqual([path.join(ws.userData, 'downloads', 'berth-report-dev.berth.testy-20261207T000000Z.tar.gz')]);
    expect(await readFile(chosen, 'utf8')).toBe('report bytes');

    const pids = await recordedPids(ws.pidFile);
    expect(pids).toHaveLength(2);
    await quit(fake);
    await waitGone(pids);
    expect(fake.tray.destroyed).toBe(true);
    expect(fake.handlers.size).toBe(0);
  });

  it('tells its window when the event stream drops, and passes the resync of the resumed stream on', async () => {
    const ws = await workspace();
    const { fake } = await start(ws, 'drop-events');
    const [window] = fake.windows;
    if (!window) throw new Error('no window');
    await waitFor(() => window.sent.some((s) => s.channel === EVENT_RESYNC_CHANNEL), 10_000, 'a resync in the window');
    const channels = window.sent.map((s) => s.channel).filter((channel) => channel !== EVENT_CHANNEL);
    expect(channels.slice(0, 2)).toEqual([EVENT_ERROR_CHANNEL, EVENT_RESYNC_CHANNEL]);
    expect(window.sent.find((s) => s.channel === EVENT_RESYNC_CHANNEL)).toMatchObject({ payload: { type: 'resync', lastEventId: 1, oldestEventId: 1 } });
    const pids = await recordedPids(ws.pidFile);
    await quit(fake);
    await waitGone(pids);
  });

  it('remembers prompted secrets with safeStorage and re-submits them at the next start', async () => {
    const ws = await workspace();
    const first = await start(ws);
    const [window] = first.fake.windows;
    if (!window) throw new Error('no window');
    await expect(first.fake.invoke(window, INVOKE_CHANNELS.submitSecrets, { OPENAI_API_KEY: 'sk-test-value' })).resolves.toEqual({ ok: true, value: { accepted: ['OPENAI_API_KEY'] } });
    const stored = await readFile(path.join(ws.userData, 'secrets.enc'), 'utf8');
    expect(stored).not.toContain('sk-test-value');
    await quit(first.fake);

    const second = await start(ws);
    await waitFor(async () => (await readFile(ws.pidFile, 'utf8')).split('\n').filter((l) => l === 'secrets OPENAI_API_KEY').length === 2, 10_000, 're-submission');
    await quit(second.fake);
  });

  it('shows the error page and a failed tray after a crash loop', async () => {
    const ws = await workspace();
    const { fake } = await start(ws, 'die-after', { restartPolicy: { baseDelayMs: 20, maxDelayMs: 100, maxDeaths: 2, windowMs: 60_000 } });
    const [window] = fake.windows;
    if (!window) throw new Error('no window');
    await waitFor(() => (window.loads.at(-1) ?? '').startsWith('data:text/html'), 20_000, 'the error page');
    const html = decodeURIComponent(window.loads.at(-1) ?? '');
    expect(html).toContain('SUPERVISOR_CRASH_LOOP');
    expect(html).toContain(path.join(ws.userData, 'state', 'logs', 'desktop.log'));
    await waitFor(() => fake.tray.images.at(-1) === '/icons/tray-failed.png', 5_000, 'the failed icon');
    // The window may be closed (a tray app): a notification says so too, and opens the window.
    expect(fake.notifications.map((n) => n.title)).toEqual(['Testy stopped working']);
    // The error page gets no API; the dashboard is told why.
    await expect(fake.invoke(window, INVOKE_CHANNELS.status)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const fromDashboard = fake.handlers.get(INVOKE_CHANNELS.status)?.({ sender: { id: window.webContents.id }, senderFrame: { url: DASHBOARD_URL } });
    await expect(fromDashboard).resolves.toMatchObject({ ok: false, error: { code: 'SUPERVISOR_CRASH_LOOP' } });
    await quit(fake);
    await waitGone(await recordedPids(ws.pidFile));
  });

  it('announces a downloaded update; its click installs only after the supervisor is gone, and lets that quit through', async () => {
    const ws = await workspace();
    const steps: string[] = [];
    const hooks: { downloaded?: (info: { version: string }) => void } = {};
    let supervisorPid = -1;
    const updater: UpdaterPort = {
      checkForUpdates: async () => { steps.push('check'); return { isUpdateAvailable: true, updateInfo: { version: '2.0.0' } }; },
      onUpdateDownloaded: (listener) => { hooks.downloaded = listener; },
      onError: () => undefined,
      quitAndInstall: () => {
        steps.push(`quitAndInstall (supervisor alive: ${isAlive(supervisorPid)})`);
        fake.api.app.quit();
      },
    };
    const { fake, app } = await start(ws, 'ok', { updater, checkUpdatesOnStart: true });
    await waitFor(() => app.client() !== null, 10_000, 'the supervisor');
    const pids = await recordedPids(ws.pidFile);
    supervisorPid = pids[0] ?? -1;
    expect(isAlive(supervisorPid)).toBe(true);
    expect(steps).toEqual(['check']);
    hooks.downloaded?.({ version: '2.0.0' });
    // Announced, not asked: a click on the notification asks, then installs.
    expect(fake.notifications.map((n) => n.title)).toEqual(['Testy 2.0.0 is ready to install']);
    expect(fake.dialogs).toEqual([]);
    fake.notifications[0]?.click();
    await waitFor(() => fake.quits === 1, 15_000, 'the quit');
    expect(fake.dialogs).toContain('Testy 2.0.0 is ready to install.');
    expect(steps).toEqual(['check', 'quitAndInstall (supervisor alive: false)']);
    await waitGone(pids);
  });

  it('notifies when a service fails; the click opens the dashboard on that service', async () => {
    const ws = await workspace();
    const { fake } = await start(ws, 'ok', { notifyBatchMs: 20 }, {}, { FAKE_SVC_FAILS: '1' });
    await waitFor(() => fake.notifications.length === 1, 10_000, 'the notification');
    expect(fake.notifications[0]).toMatchObject({ title: 'Testy: svc failed', body: 'exited with code 3 (5 restarts in 60s)' });
    const [window] = fake.windows;
    fake.notifications[0]?.click();
    expect(fake.windows).toEqual([window]);
    await waitFor(() => window?.loads.at(-1) === dashboardServiceUrl('svc'), 5_000, 'the service page');
    expect(parseHash(new URL(dashboardServiceUrl('my svc')).hash)).toEqual({ name: 'service', service: 'my svc' });
    await quit(fake);
  });

  it('offers "Start at login" in the tray, off until clicked (Linux: an autostart entry for the AppImage)', async () => {
    const ws = await workspace();
    const { fake } = await start(ws, 'ok', {}, { env: { APPIMAGE: '/home/me/Testy.AppImage' } });
    const loginItem = () => (fake.tray.menus.at(-1) ?? []).find((item) => item.label === 'Start at login');
    await waitFor(() => loginItem() !== undefined, 5_000, 'the menu');
    expect(loginItem()).toMatchObject({ type: 'checkbox', checked: false });
    const entry = path.join(ws.userData, 'app-data', 'autostart', 'dev.test.app.desktop');
    await expect(readFile(entry)).rejects.toMatchObject({ code: 'ENOENT' });
    loginItem()?.click?.({} as never, undefined, {} as never);
    await waitFor(() => loginItem()?.checked === true, 5_000, 'the item to be checked');
    expect(await readFile(entry, 'utf8')).toContain('Exec="/home/me/Testy.AppImage" --berth-at-login');
    await quit(fake);
  });

  it('started at login, stays in the tray until opened (Windows: notifications under the app id)', async () => {
    const ws = await workspace();
    const { fake } = await start(ws, 'ok', {}, { platform: 'win32', argv: ['C:\\Testy\\Testy.exe', AT_LOGIN_ARG] });
    expect(fake.appUserModelId).toBe('dev.test.app');
    await waitFor(() => fake.tray.tooltips.includes('Testy — ready'), 5_000, 'the tray to say ready');
    expect(fake.windows).toEqual([]);
    (fake.tray.menus.at(-1) ?? []).find((item) => item.label === 'Dashboard')?.click?.({} as never, undefined, {} as never);
    expect(fake.windows).toHaveLength(1);
    await quit(fake);
  });

  it('quits at once when another instance holds the lock', async () => {
    const ws = await workspace();
    const fake = createFakeElectron({ userData: ws.userData, singleInstance: false });
    const app = await runDesktopApp({
      electron: fake.api, log: silentLogger, logFile: 'x', repoRoot: ws.repoRoot, rendererDir: ws.repoRoot, preloadPath: 'p', trayIconDir: 'i', updater: null, checkUpdatesOnStart: false,
    });
    expect(app).toBeNull();
    expect(fake.quitCalls).toBe(1);
    expect(fake.windows).toHaveLength(0);
  });
});

export type { DesktopApp };
