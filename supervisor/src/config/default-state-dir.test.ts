import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultStateDir } from './default-state-dir.ts';

describe('defaultStateDir', () => {
  it('is %LOCALAPPDATA%\\<id>\\state on Windows (this machine’s folder, not the roaming one)', () => {
    const env = { LOCALAPPDATA: 'C:\\Users\\alice\\AppData\\Local', APPDATA: 'C:\\Users\\alice\\AppData\\Roaming' };
    expect(defaultStateDir('dev.berth.notes', env, 'win32')).toBe('C:\\Users\\alice\\AppData\\Local\\dev.berth.notes\\state');
    expect(defaultStateDir('dev.berth.notes', { USERPROFILE: 'C:\\Users\\bob' }, 'win32')).toBe('C:\\Users\\bob\\AppData\\Local\\dev.berth.notes\\state');
  });

  it('is ~/Library/Application Support/<id>/state on macOS and $XDG_STATE_HOME/<id> (~/.local/state) elsewhere', () => {
    expect(defaultStateDir('dev.berth.notes', {}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'dev.berth.notes', 'state'));
    expect(defaultStateDir('dev.berth.notes', { XDG_STATE_HOME: '/var/lib/me' }, 'linux')).toBe('/var/lib/me/dev.berth.notes');
    expect(defaultStateDir('dev.berth.notes', {}, 'linux')).toBe(join(homedir(), '.local', 'state', 'dev.berth.notes'));
  });
});
