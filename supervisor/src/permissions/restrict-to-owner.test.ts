// Owner-only files: the exact Windows command lines (run on a fake runner: no Windows here), and
// the POSIX modes for real.
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBerthError } from '../errors.ts';
import type { CommandResult, CommandRunner } from '../process/run-command.ts';
import { icaclsOwnerOnlyArgs, parseWhoamiUser, restrictToOwner } from './index.ts';

const SID = 'S-1-5-21-1004336348-1177238915-682003330-1001';
const ENV = { SystemRoot: 'C:\\Windows' };

/** A fake runner: answers whoami with `whoami`, icacls with `icacls`; records each command line. */
function fakeWindows(answers: { whoami?: CommandResult; icacls?: CommandResult } = {}): { run: CommandRunner; calls: string[][] } {
  const calls: string[][] = [];
  const run: CommandRunner = async (file, args) => {
    calls.push([file, ...args]);
    if (file.endsWith('whoami.exe')) return answers.whoami ?? { code: 0, stdout: `"desktop-7q2\\alice","${SID}"\r\n`, stderr: '' };
    return answers.icacls ?? { code: 0, stdout: 'processed file: x\r\nSuccessfully processed 1 files; Failed processing 0 files\r\n', stderr: '' };
  };
  return { run, calls };
}

describe('icaclsOwnerOnlyArgs and parseWhoamiUser', () => {
  it('drop inherited entries and grant the user alone full control, by SID; a folder passes it on to what it holds', () => {
    expect(icaclsOwnerOnlyArgs('C:\\Users\\alice\\AppData\\Local\\dev.berth.notes\\state\\control.json', SID, 'file')).toEqual([
      'C:\\Users\\alice\\AppData\\Local\\dev.berth.notes\\state\\control.json',
      '/inheritance:r',
      '/grant:r',
      `*${SID}:F`,
    ]);
    expect(icaclsOwnerOnlyArgs('C:\\s\\secrets', SID, 'dir')).toEqual(['C:\\s\\secrets', '/inheritance:r', '/grant:r', `*${SID}:(OI)(CI)F`]);
  });

  it.each([
    ['a local account', `"desktop-7q2\\alice","${SID}"\r\n`, SID],
    ['a domain account', '"CORP\\bob.smith","S-1-5-21-3623811015-3361044348-30300820-1013"\r\n', 'S-1-5-21-3623811015-3361044348-30300820-1013'],
    ['an Entra ID account', '"azuread\\carolw","S-1-12-1-3524437398-1182212463-2735290763-2590141810"\r\n', 'S-1-12-1-3524437398-1182212463-2735290763-2590141810'],
    ['a header line first (without /nh)', `"User Name","SID"\r\n"desktop-7q2\\alice","${SID}"\r\n`, SID],
    ['an error', 'ERROR: Access is denied.\r\n', null],
    ['nothing', '', null],
  ])('whoami /user for %s', (_name, stdout, sid) => {
    expect(parseWhoamiUser(stdout)).toBe(sid);
  });
});

describe('restrictToOwner on Windows (fake runner)', () => {
  it('asks whoami once, then runs icacls on each path with the exact arguments', async () => {
    const { run, calls } = fakeWindows();
    const deps = { platform: 'win32' as const, run, env: ENV };
    await restrictToOwner('C:\\state\\secrets', 'dir', deps);
    await restrictToOwner('C:\\state\\secrets\\generated\\DB_TOKEN', 'file', deps);
    expect(calls).toEqual([
      ['C:\\Windows\\System32\\whoami.exe', '/user', '/fo', 'csv', '/nh'],
      ['C:\\Windows\\System32\\icacls.exe', 'C:\\state\\secrets', '/inheritance:r', '/grant:r', `*${SID}:(OI)(CI)F`],
      ['C:\\Windows\\System32\\icacls.exe', 'C:\\state\\secrets\\generated\\DB_TOKEN', '/inheritance:r', '/grant:r', `*${SID}:F`],
    ]);
  });

  it('fails with STATE_DIR_UNWRITABLE, saying why, when icacls fails or the SID cannot be read', async () => {
    const refused = fakeWindows({ icacls: { code: 5, stdout: '', stderr: 'C:\\state\\control.json: Access is denied.\r\nSuccessfully processed 0 files; Failed processing 1 files\r\n' } });
    const error: unknown = await restrictToOwner('C:\\state\\control.json', 'file', { platform: 'win32', run: refused.run, env: ENV }).catch((caught: unknown) => caught);
    expect(isBerthError(error, 'STATE_DIR_UNWRITABLE')).toBe(true);
    expect((error as Error).message).toBe('Cannot make C:\\state\\control.json readable by the current user only: icacls exited 5 (C:\\state\\control.json: Access is denied.).');
    const nobody = fakeWindows({ whoami: { code: 1, stdout: '', stderr: 'ERROR: Access is denied.' } });
    await expect(restrictToOwner('C:\\state\\control.json', 'file', { platform: 'win32', run: nobody.run, env: ENV })).rejects.toThrow("Cannot tell the current user's SID: whoami /user exited 1: ERROR: Access is denied.");
    expect(nobody.calls).toHaveLength(1);
  });
});

describe('restrictToOwner on POSIX (real files)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-owner-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('sets 0600 on a file and 0700 on a folder, whatever they had', async () => {
    const file = join(dir, 'token');
    await writeFile(file, 'x', { mode: 0o644 });
    await mkdir(join(dir, 'folder'), { mode: 0o755 });
    await restrictToOwner(file, 'file');
    await restrictToOwner(join(dir, 'folder'), 'dir');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'folder'))).mode & 0o777).toBe(0o700);
  });
});
