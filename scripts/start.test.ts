import { describe, expect, it } from 'vitest';
import { electronLaunchPlan, locateElectronBinary, runForwarding } from './start.ts';

const notInstalled = () => {
  throw new Error('Electron failed to install correctly. Please delete `node_modules/electron` and run "npx install-electron --no" manually.');
};

describe('npm start: electronLaunchPlan', () => {
  it('falls back to headless when the Electron binary is not installed, saying why', () => {
    const plan = electronLaunchPlan({ resolveElectron: notInstalled, platform: 'darwin', env: {}, exists: () => true });
    expect(plan).toEqual({ kind: 'headless', reason: expect.stringContaining('Electron failed to install correctly') });
  });

  it('falls back when the resolved binary is missing', () => {
    expect(electronLaunchPlan({ resolveElectron: () => '/x/electron', platform: 'win32', env: {}, exists: () => false }).kind).toBe('headless');
  });

  it.each([
    [{}, 'headless'],
    [{ DISPLAY: ':0' }, 'electron'],
    [{ WAYLAND_DISPLAY: 'wayland-0' }, 'electron'],
  ])('on Linux with %j → %s', (env, kind) => {
    expect(electronLaunchPlan({ resolveElectron: () => '/x/electron', platform: 'linux', env, exists: () => true }).kind).toBe(kind);
  });

  it('uses Electron on macOS and Windows when the binary exists', () => {
    expect(electronLaunchPlan({ resolveElectron: () => '/x/Electron', platform: 'darwin', env: {}, exists: () => true })).toEqual({ kind: 'electron', binary: '/x/Electron' });
  });

  it('locates the binary without downloading it (none is installed on this machine)', () => {
    expect(() => locateElectronBinary({})).toThrow(/Electron failed to install correctly/);
    expect(locateElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' })).toMatch(/^\/opt\/electron\/electron$/);
    const plan = electronLaunchPlan({ resolveElectron: () => locateElectronBinary({}), platform: 'linux', env: { DISPLAY: ':0' }, exists: () => true });
    expect(plan).toEqual({ kind: 'headless', reason: expect.stringContaining('the Electron binary is not installed') });
  });
});

describe('npm start: runForwarding', () => {
  it('exits with the child’s code', async () => {
    await expect(runForwarding(process.execPath, ['-e', 'process.exit(3)'])).resolves.toBe(3);
  });
});
