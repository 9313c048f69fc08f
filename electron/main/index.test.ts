// Smoke test of the real wiring (index.ts) with the `electron`, `electron-log/main` and
// `electron-updater` modules mocked: it registers the dashboard scheme before `ready`, hands the
// real-shaped objects to runDesktopApp, and honours the single-instance lock.
import { describe, expect, it, vi } from 'vitest';

const calls: string[] = [];
vi.mock('electron', () => ({
  app: {
    isPackaged: false,
    getPath: (name: string) => `/tmp/berth-index-test/${name}`,
    getAppPath: () => '/tmp/berth-index-test',
    getVersion: () => '0.0.0',
    requestSingleInstanceLock: () => { calls.push('requestSingleInstanceLock'); return false; },
    whenReady: async () => { calls.push('whenReady'); },
    quit: () => calls.push('quit'),
    exit: (code: number) => calls.push(`exit ${code}`),
    on: () => undefined,
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) => calls.push(`register ${JSON.stringify(schemes)}`),
    handle: () => calls.push('protocol.handle'),
  },
  BrowserWindow: vi.fn(),
  Tray: vi.fn(),
  Menu: { buildFromTemplate: () => ({}) },
  Notification: Object.assign(vi.fn(), { isSupported: () => false }),
  ipcMain: { handle: () => undefined, removeHandler: () => undefined },
  safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
  session: { defaultSession: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined } },
  shell: { openExternal: async () => undefined, openPath: async () => '' },
  dialog: { showMessageBox: async () => ({ response: 0 }), showErrorBox: (title: string) => calls.push(`error ${title}`) },
  nativeImage: { createFromPath: () => ({}) },
}));
vi.mock('electron-log/main', () => ({
  default: {
    transports: { file: { resolvePathFn: null } },
    errorHandler: { startCatching: () => undefined },
    debug: () => undefined,
    info: (m: string) => calls.push(`log ${m}`),
    warn: () => undefined,
    error: (m: string) => calls.push(`log error ${m}`),
  },
}));
vi.mock('electron-updater', () => ({ autoUpdater: {} }));

describe('main/index.ts (real wiring, mocked modules)', () => {
  it('registers the privileged dashboard scheme, then defers to the running instance', async () => {
    await import('./index.ts');
    await vi.waitFor(() => expect(calls).toContain('quit'));
    expect(calls[0]).toBe('register [{"scheme":"berth","privileges":{"standard":true,"secure":true,"supportFetchAPI":true,"corsEnabled":true}}]');
    expect(calls).toContain('requestSingleInstanceLock');
    expect(calls).not.toContain('whenReady');
    expect(calls.filter((c) => c.startsWith('error') || c.startsWith('exit'))).toEqual([]);
  });
});
