import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeElectron } from '../../test/fake-electron.ts';
import { makeTempDir } from '../../test/helpers.ts';
import { AT_LOGIN_ARG, autostartEntry, quoteExecArg, startedAtLogin } from './at-login.ts';
import { createLoginItem } from './login-item.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('start at login, as data', () => {
  it.each([
    ['/opt/Notes.AppImage', '"/opt/Notes.AppImage"'],
    ['/home/a b/Notes.AppImage', '"/home/a b/Notes.AppImage"'],
    ['/x/$HOME`id`"q"', '"/x/\\\\$HOME\\\\`id\\\\`\\\\"q\\\\""'],
    ['/x/back\\slash', '"/x/back\\\\\\\\slash"'],
    ['/x/100%/a', '"/x/100%%/a"'],
  ])('quotes %s for Exec as %s', (arg, quoted) => {
    expect(quoteExecArg(arg)).toBe(quoted);
  });

  it('writes an autostart entry that starts the AppImage quietly', () => {
    expect(autostartEntry({ appName: 'Notes', executable: '/home/me/Apps/Notes.AppImage' })).toBe(
      ['[Desktop Entry]', 'Type=Application', 'Name=Notes', `Exec="/home/me/Apps/Notes.AppImage" ${AT_LOGIN_ARG}`, 'Terminal=false', 'X-GNOME-Autostart-enabled=true', ''].join('\n'),
    );
  });

  it('tells a start at login by its argument, or by macOS saying so', () => {
    expect(startedAtLogin({ argv: ['/app/Notes.exe', AT_LOGIN_ARG] })).toBe(true);
    expect(startedAtLogin({ argv: ['/app/Notes'], wasOpenedAtLogin: true })).toBe(true);
    expect(startedAtLogin({ argv: ['/app/Notes'], wasOpenedAtLogin: false })).toBe(false);
    expect(startedAtLogin({ argv: ['/app/Notes', 'file.txt'] })).toBe(false);
  });
});

describe('login item per platform', () => {
  it('uses an XDG autostart entry for the AppImage on Linux, off until turned on', async () => {
    const temp = await makeTempDir('login');
    cleanups.push(temp.remove);
    const fake = createFakeElectron({ userData: temp.dir, platform: 'linux', env: { APPIMAGE: '/home/me/Notes.AppImage' } });
    const item = createLoginItem({ electron: fake.api, appId: 'dev.berth.notes', appName: 'Notes' });
    if (!item) throw new Error('no login item');
    const file = path.join(temp.dir, 'app-data', 'autostart', 'dev.berth.notes.desktop');
    expect(await item.isEnabled()).toBe(false);
    await item.setEnabled(true);
    expect(await item.isEnabled()).toBe(true);
    expect(await readFile(file, 'utf8')).toContain(`Exec="/home/me/Notes.AppImage" ${AT_LOGIN_ARG}`);
    await item.setEnabled(false);
    expect(await item.isEnabled()).toBe(false);
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
    await item.setEnabled(false);
  });

  it('is not offered on Linux outside an AppImage, nor on other systems', () => {
    expect(createLoginItem({ electron: createFakeElectron({ userData: '/u', platform: 'linux' }).api, appId: 'a.b', appName: 'A' })).toBeNull();
    expect(createLoginItem({ electron: createFakeElectron({ userData: '/u', platform: 'freebsd' }).api, appId: 'a.b', appName: 'A' })).toBeNull();
  });

  it("uses Electron's login item on Windows (with the at-login argument) and macOS", async () => {
    const windows = createFakeElectron({ userData: '/u', platform: 'win32' });
    const onWindows = createLoginItem({ electron: windows.api, appId: 'a.b', appName: 'A' });
    expect(await onWindows?.isEnabled()).toBe(false);
    await onWindows?.setEnabled(true);
    expect(windows.loginItem).toEqual({ openAtLogin: true, args: [AT_LOGIN_ARG] });
    expect(await onWindows?.isEnabled()).toBe(true);
    const mac = createFakeElectron({ userData: '/u', platform: 'darwin' });
    const onMac = createLoginItem({ electron: mac.api, appId: 'a.b', appName: 'A' });
    await onMac?.setEnabled(true);
    expect(mac.loginItem).toEqual({ openAtLogin: true });
    await onMac?.setEnabled(false);
    expect(await onMac?.isEnabled()).toBe(false);
  });
});
