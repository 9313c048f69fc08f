// A fake of the ElectronApi port for tests: records windows, loads, sends, tray updates, IPC
// handlers, notifications, the login item and quits, and emulates app.quit() → 'before-quit'
// (cancellable) → quit.
import type { MenuItemConstructorOptions, NativeImage, WindowOpenHandlerResponse } from 'electron';
import path from 'node:path';
import type { ElectronApi, InvokeEventLike, PreventableEvent, TrayPort, WebContentsPort, WindowPort } from '../main/electron-api.ts';

type Listener = (...args: never[]) => unknown;
type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** A recording fake window. */
export interface FakeWindow extends WindowPort {
  loads: string[];
  sent: Array<{ channel: string; payload: unknown }>;
  listeners: Map<string, Listener[]>;
  openHandler: ((details: { url: string }) => WindowOpenHandlerResponse) | null;
  /** Emits will-navigate; returns whether it was prevented. */
  navigate(url: string): boolean;
}

/** A notification the shell showed; `click()` is the person clicking it. */
export interface FakeNotification {
  title: string;
  body: string;
  click(): void;
}

/** The fake and what it recorded. */
export interface FakeElectron {
  api: ElectronApi;
  windows: FakeWindow[];
  tray: { images: string[]; tooltips: string[]; menus: MenuItemConstructorOptions[][]; destroyed: boolean };
  handlers: Map<string, Handler>;
  opened: { external: string[]; paths: string[] };
  dialogs: string[];
  /** What Save dialogs answer (null: the person cancels), and the default paths they were opened with. */
  saveDialog: { answer: string | null; asked: string[] };
  quits: number;
  quitCalls: number;
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  notifications: FakeNotification[];
  /** Electron's login item (macOS, Windows), as last set. */
  loginItem: { openAtLogin: boolean; args?: string[] };
  appUserModelId: string | null;
  /** Calls an IPC handler as a given window (frame URL defaults to the dashboard). */
  invoke(window: FakeWindow, channel: string, ...args: unknown[]): Promise<unknown>;
}

/** Creates the fake. */
export function createFakeElectron(options: {
  userData: string;
  singleInstance?: boolean;
  platform?: NodeJS.Platform;
  argv?: readonly string[];
  env?: Record<string, string>;
  notificationsSupported?: boolean;
}): FakeElectron {
  const appListeners = new Map<string, Listener[]>();
  let nextId = 1;
  const fake: FakeElectron = {
    windows: [],
    tray: { images: [], tooltips: [], menus: [], destroyed: false },
    handlers: new Map(),
    opened: { external: [], paths: [] },
    dialogs: [],
    saveDialog: { answer: null, asked: [] },
    quits: 0,
    quitCalls: 0,
    protocolHandlers: new Map(),
    notifications: [],
    loginItem: { openAtLogin: false },
    appUserModelId: null,
    invoke(window, channel, ...args) {
      const handler = fake.handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return handler({ sender: { id: window.webContents.id }, senderFrame: { url: window.webContents.getURL() } }, ...args);
    },
    api: undefined as unknown as ElectronApi,
  };
  const createWindow = (): FakeWindow => {
    const listeners = new Map<string, Listener[]>();
    const on = (event: string, listener: Listener) => void listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    const window: FakeWindow = {
      loads: [],
      sent: [],
      listeners,
      openHandler: null,
      webContents: {
        id: nextId++,
        send: (channel: string, payload: unknown) => void window.sent.push({ channel, payload }),
        getURL: () => window.loads.at(-1) ?? '',
        isDestroyed: () => false,
        setWindowOpenHandler: (handler: (details: { url: string }) => WindowOpenHandlerResponse) => { window.openHandler = handler; },
        on,
      } as WebContentsPort,
      loadURL: async (url: string) => void window.loads.push(url),
      show: () => undefined,
      focus: () => undefined,
      restore: () => undefined,
      isMinimized: () => false,
      isDestroyed: () => false,
      setTitle: () => undefined,
      on,
      navigate(url) {
        let prevented = false;
        for (const listener of listeners.get('will-navigate') ?? []) (listener as (e: PreventableEvent, u: string) => void)({ preventDefault: () => { prevented = true; } }, url);
        return prevented;
      },
    };
    fake.windows.push(window);
    return window;
  };
  const tray: TrayPort = {
    setImage: (image) => void fake.tray.images.push((image as unknown as { path: string }).path),
    setToolTip: (text) => void fake.tray.tooltips.push(text),
    setTitle: () => undefined,
    setContextMenu: (menu) => void fake.tray.menus.push(menu as MenuItemConstructorOptions[]),
    destroy: () => { fake.tray.destroyed = true; },
  };
  const emitApp = (event: string, ...args: unknown[]) => {
    for (const listener of appListeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  };
  fake.api = {
    app: {
      isPackaged: false,
      getPath: (name) => (name === 'appData' ? path.join(options.userData, 'app-data') : name === 'downloads' ? path.join(options.userData, 'downloads') : options.userData),
      getAppPath: () => options.userData,
      getVersion: () => '1.0.0',
      requestSingleInstanceLock: () => options.singleInstance ?? true,
      whenReady: async () => undefined,
      quit: () => {
        fake.quitCalls += 1;
        let prevented = false;
        emitApp('before-quit', { preventDefault: () => { prevented = true; } });
        if (!prevented) fake.quits += 1;
      },
      exit: () => undefined,
      on: (event: string, listener: Listener) => void appListeners.set(event, [...(appListeners.get(event) ?? []), listener]),
      // Electron compares `args` on Windows: an entry made with other arguments reads as off.
      getLoginItemSettings: (query) => ({ openAtLogin: fake.loginItem.openAtLogin && JSON.stringify(query?.args ?? []) === JSON.stringify(fake.loginItem.args ?? []) }),
      setLoginItemSettings: (settings) => { fake.loginItem = { ...settings }; },
      setAppUserModelId: (id) => { fake.appUserModelId = id; },
    },
    createWindow,
    createTray: (image) => {
      tray.setImage(image);
      return tray;
    },
    buildMenu: (template) => template,
    ipcMain: { handle: (channel, handler) => void fake.handlers.set(channel, handler), removeHandler: (channel) => void fake.handlers.delete(channel) },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (plain) => Buffer.from(`enc:${Buffer.from(plain).toString('base64')}`),
      decryptString: (encrypted) => Buffer.from(encrypted.toString().slice(4), 'base64').toString(),
    },
    shell: {
      openExternal: async (url) => void fake.opened.external.push(url),
      openPath: async (path) => { fake.opened.paths.push(path); return ''; },
    },
    dialog: {
      showMessageBox: async (box) => { fake.dialogs.push(box.message); return { response: 0 }; },
      showSaveDialog: async (options) => {
        fake.saveDialog.asked.push(options.defaultPath ?? '');
        return fake.saveDialog.answer === null ? { canceled: true } : { canceled: false, filePath: fake.saveDialog.answer };
      },
    },
    nativeImage: { createFromPath: (path) => ({ path, setTemplateImage: () => undefined }) as unknown as NativeImage },
    protocol: { handle: (scheme, handler) => void fake.protocolHandlers.set(scheme, handler) },
    notifications: {
      isSupported: () => options.notificationsSupported ?? true,
      create: ({ title, body }) => {
        const clicks: Array<() => void> = [];
        const shown: FakeNotification = { title, body, click: () => clicks.forEach((listener) => listener()) };
        return {
          show: () => void fake.notifications.push(shown),
          on: (_event: 'click', listener: () => void) => void clicks.push(listener),
        };
      },
    },
    denyAllPermissions: () => undefined,
    platform: options.platform ?? 'linux',
    resourcesPath: '/nonexistent-resources',
    execPath: process.execPath,
    argv: options.argv ?? [process.execPath, '.'],
    env: options.env ?? {},
  };
  return fake;
}
