// The OS's per-user app-data folder for an app id (DESIGN §3), as Electron's app.getPath('userData')
// would place it, so `berth run` and the desktop app can share a state dir when asked to.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `<per-user app data>/<appId>/state` for the current OS. */
export function defaultStateDir(appId: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appId, 'state');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), appId, 'state');
  return join(env.XDG_STATE_HOME ?? join(home, '.local', 'state'), appId);
}
