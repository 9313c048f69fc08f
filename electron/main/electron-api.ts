// The slice of Electron the main process uses, as narrow interfaces. index.ts passes the real
// modules (tsc checks they fit against electron.d.ts); tests pass fakes. Nothing here imports
// Electron at runtime.
import type {
  BrowserWindowConstructorOptions, MenuItemConstructorOptions, MessageBoxOptions, NativeImage, WindowOpenHandlerResponse,
} from 'electron';

/** A cancellable Electron event. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** The sender side of an `ipcMain.handle` event. */
export interface InvokeEventLike {
  sender: { id: number };
  senderFrame: { url: string } | null;
}

/** A window's web contents. */
export interface WebContentsPort {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  getURL(): string;
  isDestroyed(): boolean;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenHandlerResponse): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'console-message', listener: (event: { level: string; message: string; sourceId: string; lineNumber: number }) => void): unknown;
}

/** A BrowserWindow. */
export interface WindowPort {
  readonly webContents: WebContentsPort;
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  setTitle(title: string): void;
  on(event: 'closed', listener: () => void): unknown;
}

/** A tray icon. */
export interface TrayPort {
  setImage(image: NativeImage): void;
  setToolTip(text: string): void;
  setTitle(title: string): void;
  setContextMenu(menu: unknown): void;
  destroy(): void;
}

/** A desktop notification (Electron's Notification). */
export interface NotificationPort {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
}

/** Everything main needs from Electron. */
export interface ElectronApi {
  app: {
    readonly isPackaged: boolean;
    getPath(name: 'userData' | 'logs' | 'appData' | 'downloads'): string;
    getAppPath(): string;
    getVersion(): string;
    requestSingleInstanceLock(): boolean;
    whenReady(): Promise<void>;
    quit(): void;
    exit(code?: number): void;
    on(event: 'second-instance' | 'window-all-closed' | 'activate', listener: () => void): unknown;
    on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
    /** Start at login (macOS, Windows; `args` only on Windows, where they are part of the entry). */
    getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean; wasOpenedAtLogin?: boolean };
    setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
    /** Windows only: the id notifications are shown under (electron-builder gives the shortcut appId). */
    setAppUserModelId(id: string): void;
  };
  createWindow(options: BrowserWindowConstructorOptions): WindowPort;
  createTray(image: NativeImage): TrayPort;
  buildMenu(template: MenuItemConstructorOptions[]): unknown;
  ipcMain: {
    handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
    removeHandler(channel: string): void;
  };
  safeStorage: {
    isEncryptionAvailable(): boolean;
    encryptString(plainText: string): Buffer;
    decryptString(encrypted: Buffer): string;
  };
  shell: {
    openExternal(url: string): Promise<void>;
    openPath(path: string): Promise<string>;
  };
  dialog: {
    showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
    showSaveDialog(options: { title?: string; defaultPath?: string; filters?: Array<{ name: string; extensions: string[] }> }): Promise<{ canceled: boolean; filePath?: string }>;
  };
  nativeImage: {
    createFromPath(path: string): NativeImage;
  };
  /** Serves the dashboard on its own scheme (CSP headers, no file:// access). */
  protocol: {
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
  };
  notifications: {
    isSupported(): boolean;
    create(options: { title: string; body: string }): NotificationPort;
  };
  /** Denies every permission request (camera, notifications…) of the default session. */
  denyAllPermissions(): void;
  readonly platform: NodeJS.Platform;
  readonly resourcesPath: string;
  /** The runtime used for the supervisor: Electron's own binary (process.execPath). */
  readonly execPath: string;
  /** This process's command line and environment (process.argv, process.env). */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
}
