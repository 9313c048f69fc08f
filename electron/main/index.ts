// The real wiring: imports Electron, electron-log and electron-updater and hands them to
// runDesktopApp. Everything with logic lives behind the ElectronApi port (tested with fakes).
import { BrowserWindow, Menu, Notification, Tray, app, dialog, ipcMain, nativeImage, protocol, safeStorage, session, shell } from 'electron';
import log from 'electron-log/main';
import { autoUpdater } from 'electron-updater';
import path from 'node:path';
import { runDesktopApp } from './app/desktop-app.ts';
import { desktopStateDir } from './supervision/command.ts';
import type { ElectronApi } from './electron-api.ts';
import type { Logger } from './logging.ts';
import type { UpdaterPort } from './updates/flow.ts';
import { DASHBOARD_SCHEME } from './windows/dashboard-protocol.ts';

// Must happen before `ready`: the dashboard's scheme behaves like https (origin, fetch, CSP).
protocol.registerSchemesAsPrivileged([{ scheme: DASHBOARD_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);

const repoRoot = path.resolve(__dirname, '..', '..');
const logFile = path.join(desktopStateDir({ userData: app.getPath('userData'), platform: process.platform, localAppData: process.env.LOCALAPPDATA }), 'logs', 'desktop.log');
log.transports.file.resolvePathFn = () => logFile;
log.errorHandler.startCatching();
const logger: Logger = { debug: (m) => log.debug(m), info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) };

/** electron-updater behind the UpdaterPort (created only in packaged builds). */
function createUpdater(): UpdaterPort {
  autoUpdater.logger = log;
  return {
    checkForUpdates: () => autoUpdater.checkForUpdates(),
    onUpdateDownloaded: (listener) => void autoUpdater.on('update-downloaded', (info) => listener({ version: info.version })),
    onError: (listener) => void autoUpdater.on('error', listener),
    quitAndInstall: () => autoUpdater.quitAndInstall(),
  };
}

const electron: ElectronApi = {
  app,
  createWindow: (options) => new BrowserWindow(options),
  createTray: (image) => new Tray(image),
  buildMenu: (template) => Menu.buildFromTemplate(template),
  ipcMain,
  safeStorage,
  shell,
  dialog: { showMessageBox: (options) => dialog.showMessageBox(options), showSaveDialog: (options) => dialog.showSaveDialog(options) },
  nativeImage,
  protocol,
  notifications: { isSupported: () => Notification.isSupported(), create: (options) => new Notification(options) },
  denyAllPermissions: () => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
  },
  platform: process.platform,
  resourcesPath: process.resourcesPath,
  execPath: process.execPath,
  argv: process.argv,
  env: process.env,
};

// BERTH_UPDATE_CHECK=0 turns the start-up check off; packaged builds check by default.
const checkUpdatesOnStart = app.isPackaged && process.env.BERTH_UPDATE_CHECK !== '0';

runDesktopApp({
  electron,
  log: logger,
  logFile,
  repoRoot,
  rendererDir: path.join(__dirname, '..', 'renderer'),
  preloadPath: path.join(__dirname, 'preload.cjs'),
  trayIconDir: app.isPackaged ? path.join(process.resourcesPath, 'tray') : path.join(repoRoot, 'build', 'tray'),
  updater: app.isPackaged ? createUpdater() : null,
  checkUpdatesOnStart,
}).catch((error: unknown) => {
  log.error(`the desktop shell failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  dialog.showErrorBox('Berth could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
