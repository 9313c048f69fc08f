// Composition of the desktop shell: single-instance lock, the dashboard scheme, the supervisor
// keeper, the HTTP client and its one event subscription, IPC, window, tray, notifications, start
// at login, secrets, updates and the quit sequence. Everything Electron comes in through
// `electron` (a fake in tests).
import path from 'node:path';
import type { RuntimeClient, StatusResponse } from '../../../supervisor/src/control/contract.ts';
import type { ControlClient } from '../../../supervisor/src/control/client/index.ts';
import { EVENT_CHANNEL, EVENT_ERROR_CHANNEL, EVENT_RESYNC_CHANNEL } from '../../ipc/channels.ts';
import { messageOf } from '../../../supervisor/src/control/client/index.ts';
import { ShellError, codeOf } from '../../ipc/errors.ts';
import { createEventHub } from '../client/event-hub.ts';
import { createHttpRuntimeClient } from '../client/http-client.ts';
import type { ElectronApi, WindowPort } from '../electron-api.ts';
import { registerIpcHandlers } from '../ipc/handlers.ts';
import type { Logger } from '../logging.ts';
import { startedAtLogin } from '../login-item/at-login.ts';
import { createLoginItem } from '../login-item/login-item.ts';
import type { NotifyAction } from '../notifications/model.ts';
import { createNotifier, type Notifier } from '../notifications/notifier.ts';
import { saveReport } from '../report/save-report.ts';
import { resubmitSecrets } from '../secrets/resubmit.ts';
import { createSecretStore } from '../secrets/store.ts';
import { resolveSupervisorPaths, type SupervisorCommand, type SupervisorPaths } from '../supervision/command.ts';
import { createSupervisorKeeper } from '../supervision/keeper.ts';
import { stopSupervisor } from '../supervision/quit.ts';
import type { RestartPolicy } from '../supervision/restart-policy.ts';
import { createTrayController, type TrayController } from '../tray/controller.ts';
import type { TrayAction } from '../tray/model.ts';
import { createUpdateFlow, type UpdateFlow, type UpdaterPort } from '../updates/flow.ts';
import { DASHBOARD_ORIGIN, DASHBOARD_SCHEME, DASHBOARD_URL, dashboardServiceUrl } from '../windows/dashboard-protocol.ts';
import { createDashboardHandler } from '../windows/dashboard-handler.ts';
import { errorPageUrl } from '../windows/error-page.ts';
import { createMainWindow } from '../windows/main-window.ts';
import { originOf } from '../windows/navigation.ts';
import { decideWindowTarget } from '../windows/target.ts';
import { readBundleInfo } from './bundle-info.ts';
import { createLauncher } from './supervisor-launcher.ts';

/** Everything the shell needs besides Electron itself. */
export interface DesktopAppConfig {
  electron: ElectronApi;
  log: Logger;
  logFile: string;
  /** Repository root (development) — dist/, bundle.json. */
  repoRoot: string;
  rendererDir: string;
  preloadPath: string;
  trayIconDir: string;
  updater: UpdaterPort | null;
  checkUpdatesOnStart: boolean;
  command?: (paths: SupervisorPaths) => SupervisorCommand;
  handshakeTimeoutMs?: number;
  restartPolicy?: RestartPolicy;
  /** How long a graceful supervisor shutdown may take before it is killed. */
  shutdownGraceMs?: number;
  /** Status poll behind the event stream (tray, switch to the ui). */
  statusPollMs?: number;
  /** Service failures this close together make one notification. */
  notifyBatchMs?: number;
}

/** A running shell (returned for tests and for index.ts). */
export interface DesktopApp {
  paths: SupervisorPaths;
  /** The full quit sequence (idempotent): supervisor down, tray and IPC gone. */
  shutdown(): Promise<void>;
  window(): WindowPort | null;
  tray(): TrayController;
  client(): RuntimeClient | null;
  updates(): UpdateFlow | null;
  notifier(): Notifier;
}

/** Starts the shell; resolves null when another instance already runs. */
export async function runDesktopApp(config: DesktopAppConfig): Promise<DesktopApp | null> {
  const { electron, log } = config;
  const { app } = electron;
  if (!app.requestSingleInstanceLock()) {
    log.info('another instance is running; focusing it');
    app.quit();
    return null;
  }
  await app.whenReady();
  electron.denyAllPermissions();
  electron.protocol.handle(DASHBOARD_SCHEME, createDashboardHandler(config.rendererDir));

  const paths = resolveSupervisorPaths({ packaged: app.isPackaged, resourcesPath: electron.resourcesPath, repoRoot: config.repoRoot, userData: app.getPath('userData'), platform: electron.platform, localAppData: electron.env.LOCALAPPDATA });
  const bundle = await readBundleInfo(paths.bundle);
  // Windows shows notifications under this id; electron-builder gives the app's shortcut the same (appId).
  if (electron.platform === 'win32') app.setAppUserModelId(bundle.appId);
  const loginItem = createLoginItem({ electron, appId: bundle.appId, appName: bundle.appName });
  const logsDir = path.join(paths.stateDir, 'logs');
  const secrets = createSecretStore({ dir: app.getPath('userData'), safeStorage: electron.safeStorage, warn: (m) => log.warn(m) });
  const hub = createEventHub();
  let client: ControlClient | null = null;
  let lastStatus: StatusResponse | null = null;
  let window: WindowPort | null = null;
  let switchedToUi = false;
  let fatal: ShellError | null = null;

  const ownOrigins = () => [DASHBOARD_ORIGIN, ...(lastStatus?.uiUrl ? [originOf(lastStatus.uiUrl)].filter((o): o is string => o !== null) : [])];
  const liveWindows = () => (window && !window.isDestroyed() ? [window] : []);
  const load = (url: string) => window?.loadURL(url).catch((error: unknown) => log.warn(`could not load ${url}: ${messageOf(error)}`));
  const showError = (error: ShellError) => load(errorPageUrl({ appName: bundle.appName, code: error.code, message: error.message, logFile: config.logFile, logsDir }));

  const openWindow = (target: 'ui' | 'dashboard' | 'keep', dashboardUrl = DASHBOARD_URL) => {
    if (!window || window.isDestroyed()) {
      window = createMainWindow({ electron, preloadPath: config.preloadPath, title: bundle.appName, ownOrigins, log });
      window.on('closed', () => { window = null; });
      if (fatal) void showError(fatal);
      else if (target === 'keep') {
        // A re-opened window goes straight to the ui when it is already up.
        const initial = decideWindowTarget(lastStatus, bundle.uiService);
        void load(initial.kind === 'ui' ? initial.url : DASHBOARD_URL);
      }
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    if (fatal) return;
    if (target === 'dashboard') void load(dashboardUrl);
    if (target === 'ui' && lastStatus?.uiUrl) void load(lastStatus.uiUrl);
  };

  const fetchStatus = async (): Promise<StatusResponse | null> => {
    if (!client) return null;
    lastStatus = await client.status();
    const target = decideWindowTarget(lastStatus, bundle.uiService);
    if (target.kind === 'ui' && !switchedToUi && window && !window.isDestroyed()) {
      switchedToUi = true;
      log.info(`ui ready at ${target.url}; showing it`);
      void load(target.url);
    }
    return lastStatus;
  };

  const quitApp = () => app.quit();
  const onTrayAction = (action: TrayAction) => {
    switch (action.kind) {
      case 'open-ui': return openWindow('ui');
      case 'open-dashboard': return openWindow('dashboard');
      case 'restart-service':
        void client?.serviceAction(action.service, 'restart').catch((error: unknown) => log.warn(`restart ${action.service}: ${messageOf(error)}`));
        return;
      case 'open-logs':
        void electron.shell.openPath(logsDir);
        return;
      case 'save-report':
        if (client !== null) {
          void saveReport(client, electron)
            .then((saved) => saved !== null && log.info(`diagnostic report saved to ${saved}`))
            .catch((error: unknown) => void electron.dialog.showMessageBox({ type: 'error', message: `The diagnostic report could not be saved: ${messageOf(error)}` }));
        }
        return;
      case 'check-updates':
        void updates?.check(true);
        return;
      case 'check-bundle-updates':
        // The supervisor asks the feed (it alone holds the feed's credential); a newer version is announced.
        void client
          ?.checkUpdates()
          .then((reply) => reply.available !== null && notifier.notify({ kind: 'update-ready', source: 'bundle', version: reply.available }))
          .catch((error: unknown) => log.warn(`bundle update check: ${messageOf(error)}`))
          .finally(() => tray.refresh());
        return;
      case 'apply-bundle-update':
        void client?.applyUpdate(action.version).catch((error: unknown) => log.warn(`apply ${action.version}: ${messageOf(error)}`)).finally(() => tray.refresh());
        return;
      case 'set-start-at-login':
        void loginItem
          ?.setEnabled(action.enabled)
          .then(() => log.info(`start at login ${action.enabled ? 'on' : 'off'}`))
          .catch((error: unknown) => log.warn(`start at login: ${messageOf(error)}`))
          .finally(() => void tray.rebuildNow());
        return;
      case 'quit': return quitApp();
    }
  };
  const tray = createTrayController({
    electron, appName: bundle.appName, iconDir: config.trayIconDir, fetchStatus, onAction: onTrayAction,
    fetchUpdates: async () => (client === null ? null : client.updates()),
    startAtLogin: async () => (loginItem ? loginItem.isEnabled() : null),
  });
  const onNotificationClick = (action: NotifyAction) => {
    if (action.kind === 'open-service') openWindow('dashboard', dashboardServiceUrl(action.service));
    else if (action.kind === 'open-dashboard') openWindow('dashboard');
    else void updates?.install(action.version);
  };
  const notifier = createNotifier({ electron, appName: bundle.appName, onAction: onNotificationClick, batchMs: config.notifyBatchMs });

  hub.add({
    onEvent: (event) => {
      for (const target of liveWindows()) target.webContents.send(EVENT_CHANNEL, event);
      // Log lines do not change the tray; state changes do.
      if (event.type !== 'log') tray.refresh();
      notifier.onEvent(event);
    },
    // Events were lost: each window's store refetches /status, and so does the tray.
    onResync: (resync) => {
      for (const target of liveWindows()) target.webContents.send(EVENT_RESYNC_CHANNEL, resync);
      tray.refresh();
    },
    onError: (error) => {
      for (const target of liveWindows()) target.webContents.send(EVENT_ERROR_CHANNEL, { code: codeOf(error), message: error.message });
    },
  });

  const keeper = createSupervisorKeeper({
    policy: config.restartPolicy,
    launch: createLauncher({ paths, execPath: electron.execPath, command: config.command, handshakeTimeoutMs: config.handshakeTimeoutMs ?? 20_000, logFile: config.logFile, log, cwd: path.dirname(paths.bundle) }),
    onEvent: (event) => {
      if (event.type === 'connected') {
        log.info(`supervisor ${event.process.pid} ready at ${event.process.connection.url}`);
        client = createHttpRuntimeClient({ url: event.process.connection.url, token: event.process.connection.token });
        switchedToUi = false;
        hub.bind(client);
        void resubmitSecrets(secrets, client, log).then(() => tray.refresh());
      } else if (event.type === 'died') {
        log.warn(`supervisor exited (${event.exit.signal ?? `code ${event.exit.code}`}); restarting in ${event.restartInMs} ms`);
        client = null;
        hub.bind(null);
        tray.refresh();
      } else {
        log.error(`supervisor failed: ${event.error.code}: ${event.error.message}`);
        fatal = event.error;
        client = null;
        hub.bind(null);
        void tray.setProblem(event.error.message);
        notifier.notify({ kind: 'supervisor-failed', message: event.error.message });
        void showError(event.error);
      }
    },
  });

  const stopKeeper = () =>
    keeper.stop(async (process) => {
      const outcome = await stopSupervisor(process, {
        requestShutdown: () => createHttpRuntimeClient({ url: process.connection.url, token: process.connection.token, timeoutMs: 5_000 }).shutdown(),
        graceMs: config.shutdownGraceMs ?? 15_000,
        leftoverPids: () => (lastStatus?.services ?? []).map((s) => s.pid).filter((pid): pid is number => pid !== null),
        log: (m) => log.warn(m),
      });
      log.info(`supervisor stopped (${outcome})`);
    });

  const updates = config.updater
    ? createUpdateFlow({
        updater: config.updater,
        announceReady: (version) => notifier.notify({ kind: 'update-ready', source: 'app', version }),
        confirmInstall: async (version) => (await electron.dialog.showMessageBox({ type: 'question', buttons: ['Restart and install', 'Later'], defaultId: 0, cancelId: 1, message: `${bundle.appName} ${version} is ready to install.`, detail: 'The app and its services will restart.' })).response === 0,
        notify: async (message) => { await electron.dialog.showMessageBox({ type: 'info', message }); },
        shutdownSupervisor: async () => {
          await shutdown();
          quitReady = true;
        },
        log: (m) => log.info(m),
      })
    : null;

  /** The live client, waiting briefly while the supervisor starts or restarts. */
  const connectedClient = async (): Promise<RuntimeClient> => {
    if (client) return client;
    await keeper.whenConnected(10_000);
    if (!client) throw new ShellError('SUPERVISOR_NOT_RUNNING', 'The supervisor is not running.');
    return client;
  };

  const unregisterIpc = registerIpcHandlers({
    ipcMain: electron.ipcMain,
    senders: { windowIds: () => liveWindows().map((w) => w.webContents.id), origins: () => [DASHBOARD_ORIGIN] },
    client: connectedClient,
    overrides: {
      shutdown: async () => { quitApp(); },
      submitSecrets: async (values) => {
        const reply = await (await connectedClient()).submitSecrets(values);
        const accepted = Object.fromEntries(Object.entries(values).filter(([name]) => reply.accepted.includes(name)));
        await secrets.save(accepted).catch((error: unknown) => log.warn(`secrets not remembered (${codeOf(error)})`));
        return reply;
      },
    },
    onRejected: (channel, reason) => log.warn(`IPC ${channel} rejected: ${reason}`),
  });

  let quitReady = false;
  let shuttingDown: Promise<void> | null = null;
  const shutdown = () => {
    shuttingDown ??= (async () => {
      log.info('quitting: shutting the supervisor down');
      clearInterval(poll);
      hub.dispose();
      notifier.dispose();
      await stopKeeper();
      unregisterIpc();
      tray.dispose();
    })();
    return shuttingDown;
  };
  app.on('before-quit', (event) => {
    if (quitReady) return;
    event.preventDefault();
    void shutdown().finally(() => {
      quitReady = true;
      app.quit();
    });
  });
  // A tray app keeps running with its window closed; Quit is in the tray menu.
  app.on('window-all-closed', () => undefined);
  app.on('second-instance', () => openWindow('keep'));
  app.on('activate', () => openWindow('keep'));

  // Events drive the tray and the switch to the ui; a slow poll covers a stream that is down.
  const poll = setInterval(() => {
    if (client) tray.refresh();
  }, config.statusPollMs ?? 5_000);
  poll.unref?.();

  // Started by the login item, a tray app stays in the tray until it is opened.
  if (!startedAtLogin({ argv: electron.argv, wasOpenedAtLogin: electron.platform === 'darwin' ? app.getLoginItemSettings().wasOpenedAtLogin : undefined })) openWindow('keep');
  keeper.start();
  void tray.rebuildNow();
  if (updates && config.checkUpdatesOnStart) void updates.check(false);

  return { paths, shutdown, window: () => window, tray: () => tray, client: () => client, updates: () => updates, notifier: () => notifier };
}
