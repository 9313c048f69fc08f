// "Start at login", off until the person turns it on in the tray. macOS and Windows: Electron's
// login items (on Windows with AT_LOGIN_ARG, which is part of the entry, so it is passed to read it
// back too). Linux: an XDG autostart entry for the AppImage (`$APPIMAGE`: the executable inside
// it lives in a mount that changes every start); without an AppImage there is nothing stable to
// start, and the item is not offered.
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../../supervisor/src/fs/atomic-write.ts';
import type { ElectronApi } from '../electron-api.ts';
import { AT_LOGIN_ARG, autostartEntry } from './at-login.ts';

/** The login item's handle. */
export interface LoginItem {
  isEnabled(): Promise<boolean>;
  setEnabled(enabled: boolean): Promise<void>;
}

/** Options of createLoginItem. */
export interface LoginItemOptions {
  electron: Pick<ElectronApi, 'app' | 'platform' | 'env'>;
  appId: string;
  appName: string;
}

/** The login item of this platform, or null where the app cannot start itself at login. */
export function createLoginItem(options: LoginItemOptions): LoginItem | null {
  const { app, platform, env } = options.electron;
  if (platform === 'darwin' || platform === 'win32') {
    const args = platform === 'win32' ? [AT_LOGIN_ARG] : undefined;
    return {
      isEnabled: async () => app.getLoginItemSettings(args ? { args } : undefined).openAtLogin,
      setEnabled: async (openAtLogin) => app.setLoginItemSettings(args ? { openAtLogin, args } : { openAtLogin }),
    };
  }
  const appImage = env.APPIMAGE;
  if (platform !== 'linux' || !appImage) return null;
  // appData is $XDG_CONFIG_HOME or ~/.config on Linux.
  const file = path.join(app.getPath('appData'), 'autostart', `${options.appId}.desktop`);
  return {
    isEnabled: () => stat(file).then((info) => info.isFile(), () => false),
    setEnabled: async (enabled) => {
      if (!enabled) return rm(file, { force: true });
      await mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, autostartEntry({ appName: options.appName, executable: appImage }));
    },
  };
}
