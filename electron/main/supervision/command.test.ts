import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSupervisorCommand, cleanChildEnv, desktopStateDir, resolveSupervisorPaths } from './command.ts';

describe('supervisor command line', () => {
  it('uses the app resources when packaged and the repo in development', () => {
    expect(resolveSupervisorPaths({ packaged: true, resourcesPath: '/App/Resources', repoRoot: '/repo', userData: '/u' })).toEqual({
      script: path.join('/App/Resources', 'supervisor', 'berth.mjs'),
      bundle: path.join('/App/Resources', 'bundle', 'bundle.json'),
      stateDir: path.join('/u', 'state'),
      seed: true,
    });
    expect(resolveSupervisorPaths({ packaged: false, resourcesPath: '/App/Resources', repoRoot: '/repo', userData: '/u' })).toEqual({
      script: path.join('/repo', 'dist', 'supervisor', 'berth.mjs'),
      bundle: path.join('/repo', 'bundle.json'),
      stateDir: path.join('/u', 'state'),
      seed: false,
    });
  });

  it('keeps the state under userData, except on Windows: %LOCALAPPDATA%, this machine’s folder, not the roaming one', () => {
    const userData = 'C:\\Users\\alice\\AppData\\Roaming\\Notes';
    expect(desktopStateDir({ userData, platform: 'win32', localAppData: 'C:\\Users\\alice\\AppData\\Local' })).toBe('C:\\Users\\alice\\AppData\\Local\\Notes\\state');
    expect(resolveSupervisorPaths({ packaged: true, resourcesPath: 'C:\\P\\resources', repoRoot: 'C:\\repo', userData, platform: 'win32', localAppData: 'C:\\Users\\alice\\AppData\\Local' }).stateDir).toBe('C:\\Users\\alice\\AppData\\Local\\Notes\\state');
    expect(desktopStateDir({ userData: '/home/alice/.config/Notes', platform: 'linux', localAppData: 'ignored' })).toBe(path.join('/home/alice/.config/Notes', 'state'));
    expect(desktopStateDir({ userData: '/Users/alice/Library/Application Support/Notes', platform: 'darwin' })).toBe(path.join('/Users/alice/Library/Application Support/Notes', 'state'));
  });

  it('runs Electron as Node in the desktop profile, without Electron switches or NODE_OPTIONS leaking in', () => {
    const command = buildSupervisorCommand({
      runtime: '/App/MacOS/Notes',
      runAsNode: true,
      paths: { script: '/r/supervisor/berth.mjs', bundle: '/r/bundle/bundle.json', stateDir: '/u/state', seed: true },
      baseEnv: { PATH: '/bin', HOME: '/home/x', NODE_OPTIONS: '--inspect', ELECTRON_ENABLE_LOGGING: '1', BERTH_PROFILE: 'server', BERTH_UPDATE_URL: 'https://u', UNSET: undefined },
    });
    expect(command).toEqual({
      command: '/App/MacOS/Notes',
      args: ['/r/supervisor/berth.mjs', 'run', '--profile', 'desktop', '--seed-bundle', '/r/bundle/bundle.json', '--state-dir', '/u/state'],
      env: { PATH: '/bin', HOME: '/home/x', BERTH_UPDATE_URL: 'https://u', ELECTRON_RUN_AS_NODE: '1' },
    });
  });

  it('leaves ELECTRON_RUN_AS_NODE out for a plain Node runtime', () => {
    expect(cleanChildEnv({ ELECTRON_RUN_AS_NODE: '1', A: 'b' })).toEqual({ A: 'b' });
    const command = buildSupervisorCommand({ runtime: process.execPath, runAsNode: false, paths: { script: 's', bundle: 'b', stateDir: 'd', seed: false }, baseEnv: { ELECTRON_RUN_AS_NODE: '1' } });
    expect(command.env).toEqual({});
  });
});
