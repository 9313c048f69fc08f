// The app's window: hardened web preferences (context isolation, sandbox, no Node), guards on
// navigation and window.open, renderer console forwarded to the log.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { ElectronApi, WindowPort } from '../electron-api.ts';
import { forwardConsoleMessages, type Logger } from '../logging.ts';
import { attachGuards } from './guards.ts';

/** The web preferences of every window we open (pure, asserted by tests). */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Options of createMainWindow. */
export interface MainWindowOptions {
  electron: Pick<ElectronApi, 'createWindow' | 'shell'>;
  preloadPath: string;
  title: string;
  ownOrigins: () => readonly string[];
  log: Logger;
}

/** Opens the main window with guards attached (the caller loads the first page). */
export function createMainWindow(options: MainWindowOptions): WindowPort {
  const windowOptions: BrowserWindowConstructorOptions = {
    width: 1180,
    height: 780,
    minWidth: 640,
    minHeight: 420,
    title: options.title,
    show: true,
    webPreferences: secureWebPreferences(options.preloadPath),
  };
  const window = options.electron.createWindow(windowOptions);
  attachGuards(window.webContents, {
    ownOrigins: options.ownOrigins,
    openExternal: (url) => options.electron.shell.openExternal(url),
    loadInPlace: (url) => void window.loadURL(url).catch(() => options.log.warn(`could not load ${url}`)),
    log: options.log,
  });
  forwardConsoleMessages(window.webContents, options.log);
  return window;
}
