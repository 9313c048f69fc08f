// The OS's per-user app-data folder for an app id (DESIGN §3), so `berth run` and the CLI verbs
// find the same state dir. On Windows that is %LOCALAPPDATA% (this machine's), not the roaming
// %APPDATA%: logs, run records, a database and a live control.json must not travel with a roaming
// profile to other machines (nor be copied at every sign-out).
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

/** `<per-user app data>/<appId>/state` for the current OS. */
export function defaultStateDir(appId: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return win32.join(env.LOCALAPPDATA ?? win32.join(env.USERPROFILE ?? homedir(), 'AppData', 'Local'), appId, 'state');
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appId, 'state');
  return join(env.XDG_STATE_HOME ?? join(home, '.local', 'state'), appId);
}
