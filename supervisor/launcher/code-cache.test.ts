import { join, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { powershellArgs, powershellLiteral } from '../src/process/windows-commands.ts';
import { CACHE_MAGIC, codeCacheDir, codeCacheFileName, isPrivateDir, isReplacedCacheFile, ownerCheckScript, parseOwnerCheck, sealCache, shortHash, unsealCache, windowsCacheDirTrust } from './code-cache.ts';

const RUNTIME = { version: 'v24.21.0', v8: '13.6.233.17-node.53', arch: 'x64', flags: '' };
const F = `f${shortHash('')}`;
const dirStat = (uid: number, mode: number, isDir = true) => ({ uid, mode, isDirectory: () => isDir });

describe('codeCacheDir', () => {
  it("is Node's compile-cache folder: NODE_COMPILE_CACHE, else <tmp>/node-compile-cache", () => {
    expect(codeCacheDir({}, '/tmp', join)).toBe('/tmp/node-compile-cache');
    expect(codeCacheDir({ NODE_COMPILE_CACHE: '/var/cache/berth' }, '/tmp', join)).toBe('/var/cache/berth');
    expect(codeCacheDir({ NODE_COMPILE_CACHE: '' }, '/tmp', join)).toBe('/tmp/node-compile-cache');
  });

  it('is off when NODE_DISABLE_COMPILE_CACHE is set, to anything (as for Node)', () => {
    expect(codeCacheDir({ NODE_DISABLE_COMPILE_CACHE: '1', NODE_COMPILE_CACHE: '/c' }, '/tmp', join)).toBeNull();
    expect(codeCacheDir({ NODE_DISABLE_COMPILE_CACHE: '' }, '/tmp', join)).toBeNull();
  });
});

describe('codeCacheFileName', () => {
  it('names the build, the runtime, its flags and whether it is the supervisor (run) or another verb', () => {
    expect(codeCacheFileName('0123456789abcdef', RUNTIME, 'run')).toBe(`berth-0123456789abcdef-v24.21.0-v8-13.6.233.17-node.53-x64-${F}-run.v8cache`);
    expect(codeCacheFileName('0123456789abcdef', RUNTIME, 'status')).toBe(`berth-0123456789abcdef-v24.21.0-v8-13.6.233.17-node.53-x64-${F}-cli.v8cache`);
    expect(codeCacheFileName('0123456789abcdef', { ...RUNTIME, flags: '--stack-size=2000' }, 'run')).not.toBe(codeCacheFileName('0123456789abcdef', RUNTIME, 'run'));
    expect(codeCacheFileName('0123456789abcdef', RUNTIME, undefined)).toMatch(/-cli\.v8cache$/);
  });

  it('keeps only file-name-safe characters', () => {
    expect(codeCacheFileName('0123456789abcdef', { version: 'v22.1.0', v8: '12.4 / electron', arch: 'arm64', flags: '' }, 'run')).toBe(`berth-0123456789abcdef-v22.1.0-v8-12.4___electron-arm64-${F}-run.v8cache`);
  });
});

describe('isPrivateDir', () => {
  it('trusts a folder that is ours and writable by nobody else', () => {
    expect(isPrivateDir(dirStat(1000, 0o40700), 1000)).toBe(true);
    expect(isPrivateDir(dirStat(1000, 0o40755), 1000)).toBe(true);
  });

  it("refuses another user's folder, a group- or world-writable one, and a non-folder", () => {
    expect(isPrivateDir(dirStat(0, 0o40700), 1000)).toBe(false);
    expect(isPrivateDir(dirStat(1000, 0o40777), 1000)).toBe(false);
    expect(isPrivateDir(dirStat(1000, 0o40770), 1000)).toBe(false);
    expect(isPrivateDir(dirStat(1000, 0o100600, false), 1000)).toBe(false);
  });

  it('leaves the decision to windowsCacheDirTrust where there are no uids (Windows)', () => {
    expect(isPrivateDir(dirStat(0, 0o40777), undefined)).toBe(true);
  });
});

describe('the Windows cache folder check', () => {
  const LOCAL = 'C:\\Users\\alice\\AppData\\Local';

  it('trusts a folder inside %LOCALAPPDATA% without asking (the default, %TEMP%\\node-compile-cache), and asks about any other', () => {
    expect(windowsCacheDirTrust('C:\\Users\\alice\\AppData\\Local\\Temp\\node-compile-cache', LOCAL, win32.resolve)).toBe('trusted');
    expect(windowsCacheDirTrust('c:/users/ALICE/appdata/local/Temp/x', `${LOCAL}\\`, win32.resolve)).toBe('trusted');
    expect(windowsCacheDirTrust(LOCAL, LOCAL, win32.resolve)).toBe('trusted');
    expect(windowsCacheDirTrust('C:\\Users\\alice\\AppData\\Local2\\cache', LOCAL, win32.resolve)).toBe('ask');
    expect(windowsCacheDirTrust('C:\\Users\\alice\\AppData\\Local\\..\\..\\..\\Public\\cache', LOCAL, win32.resolve)).toBe('ask');
    expect(windowsCacheDirTrust('D:\\shared\\node-cache', LOCAL, win32.resolve)).toBe('ask');
    expect(windowsCacheDirTrust(`${LOCAL}\\Temp`, undefined, win32.resolve)).toBe('ask');
  });

  it('asks PowerShell for the owner, the current user and who may write the folder itself, in one script', () => {
    const script = ownerCheckScript("D:\\o'shared\\cache", powershellLiteral);
    expect(script).toBe(
      "$acl = Get-Acl -LiteralPath 'D:\\o''shared\\cache'; " +
        "'owner ' + $acl.GetOwner([System.Security.Principal.SecurityIdentifier]).Value; " +
        "'user ' + [System.Security.Principal.WindowsIdentity]::GetCurrent().User.Value; " +
        "foreach ($rule in $acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier])) { if ($rule.AccessControlType -eq 'Allow' -and -not ($rule.PropagationFlags -band 2) -and ([int64]$rule.FileSystemRights -band 1343029590)) { 'writer ' + $rule.IdentityReference.Value } }",
    );
    const args = powershellArgs(script);
    expect(args.slice(0, 4)).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-EncodedCommand']);
    expect(Buffer.from(args[4] ?? '', 'base64').toString('utf16le')).toBe(script);
  });

  const ME = 'S-1-5-21-1004336348-1177238915-682003330-1001';
  it.each([
    ['ours, written by us, SYSTEM and Administrators', `owner ${ME}\r\nuser ${ME}\r\nwriter S-1-5-18\r\nwriter S-1-5-32-544\r\nwriter ${ME}\r\n`, true],
    ['ours, no write entries at all', `owner ${ME}\nuser ${ME}\n`, true],
    ["another user's folder", `owner S-1-5-21-1004336348-1177238915-682003330-1002\nuser ${ME}\n`, false],
    ['ours, but Users (S-1-5-32-545) may write it', `owner ${ME}\nuser ${ME}\nwriter S-1-5-32-545\n`, false],
    ['ours, but Everyone may write it', `owner ${ME}\nuser ${ME}\nwriter S-1-1-0\n`, false],
    ['owned by Administrators (made from an elevated prompt)', `owner S-1-5-32-544\nuser ${ME}\n`, false],
    ['no owner line (Get-Acl failed)', `owner \nuser ${ME}\n`, false],
    ['nothing', '', false],
  ])('%s', (_name, stdout, trusted) => {
    expect(parseOwnerCheck(stdout)).toBe(trusted);
  });
});

describe('isReplacedCacheFile', () => {
  const current = codeCacheFileName('1111111111111111', RUNTIME, 'run');
  const WEEK = 7 * 24 * 60 * 60 * 1000;

  it('removes any other berth cache once nobody has written it for a week: old builds, runtimes, flags, kinds', () => {
    for (const name of [
      codeCacheFileName('2222222222222222', RUNTIME, 'run'),
      codeCacheFileName('2222222222222222', RUNTIME, 'status'),
      codeCacheFileName('1111111111111111', { ...RUNTIME, v8: '12.4.254.21-electron.0' }, 'run'),
      codeCacheFileName('1111111111111111', { ...RUNTIME, flags: '--inspect' }, 'run'),
    ]) {
      expect(isReplacedCacheFile(name, current, WEEK + 1)).toBe(true);
      expect(isReplacedCacheFile(name, current, WEEK - 60_000)).toBe(false); // another version in use: kept
    }
  });

  it('keeps itself, files that are not ours, and files whose age is unknown', () => {
    expect(isReplacedCacheFile(current, current, WEEK * 10)).toBe(false);
    expect(isReplacedCacheFile('v24.21.0-x64-964aae3f-0', current, WEEK * 10)).toBe(false);
    expect(isReplacedCacheFile('berth-notes.log', current, WEEK * 10)).toBe(false);
    expect(isReplacedCacheFile(codeCacheFileName('2222222222222222', RUNTIME, 'run'), current, null)).toBe(false);
  });

  it("removes any build's temp file once it is a minute old (a killed writer)", () => {
    expect(isReplacedCacheFile(`${current}.4242.k3j4.tmp`, current, 61_000)).toBe(true);
    expect(isReplacedCacheFile(`${codeCacheFileName('2222222222222222', RUNTIME, 'status')}.4242.k3j4.tmp`, current, 61_000)).toBe(true);
    expect(isReplacedCacheFile(`${current}.4242.k3j4.tmp`, current, 5_000)).toBe(false);
    expect(isReplacedCacheFile('other.tmp', current, 61_000)).toBe(false);
  });
});

describe('sealCache / unsealCache', () => {
  const digestFor = (source: string) => (data: Uint8Array) => createHash('sha256').update(source).update(data).digest();
  const data = Buffer.from('v8 code cache bytes');

  it('gives back the data of a file sealed for the same source', () => {
    const sealed = sealCache(data, digestFor('bundle A'));
    expect(sealed.subarray(0, CACHE_MAGIC.length).equals(CACHE_MAGIC)).toBe(true);
    expect(unsealCache(sealed, digestFor('bundle A'))?.equals(data)).toBe(true);
  });

  it('refuses another source of the same length, a damaged byte, a cut file and a bare V8 cache', () => {
    const sealed = sealCache(data, digestFor('bundle A'));
    expect(unsealCache(sealed, digestFor('bundle B'))).toBeUndefined();
    const damaged = Buffer.from(sealed);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 3) ^ 1, damaged.length - 3);
    expect(unsealCache(damaged, digestFor('bundle A'))).toBeUndefined();
    expect(unsealCache(sealed.subarray(0, sealed.length - 1), digestFor('bundle A'))).toBeUndefined();
    expect(unsealCache(sealed.subarray(0, 40), digestFor('bundle A'))).toBeUndefined();
    expect(unsealCache(data, digestFor('bundle A'))).toBeUndefined();
  });
});
