// The `berth` executable (bin.berth = dist/supervisor/berth.mjs, built from this file by
// scripts/build/supervisor.ts): loads the supervisor bundle, berth-main.cjs, through a V8 code
// cache taken *after* the code has run (start-up time). Node's own compile cache is taken
// right after compiling, so it holds only the bundle's top level, and every function that runs at
// start-up was compiled again at every start: ~40 ms of a `berth run` start on the bench machine.
//
// Code is loaded from that file, so it is treated as untrusted input: only from a real folder
// (not a symlink) that is ours and writable by nobody else (on Windows: inside %LOCALAPPDATA%, or
// owned by us and writable by nobody else, by its ACL), opened without following links,
// owned by us, and sealed with a sha256 of the bundle's source and the data (V8 itself checks
// only the source's length, and a damaged cache crashes it). It is written once per build,
// runtime and flags, when there was none to accept, by a start that went well: `berth run` ~2 s
// in (asynchronously), or at an exit with code 0; temp file (O_EXCL, random name), fsync, rename.
//
// Builtins come from process.getBuiltinModule, not `import`: an ES module's import of a builtin
// builds a facade of all its exports, which costs more than it saves.
import { powershellArgs, powershellLiteral, powershellPath } from '../src/process/windows-commands.ts';
import { codeCacheDir, codeCacheFileName, isPrivateDir, isReplacedCacheFile, ownerCheckScript, parseOwnerCheck, sealCache, unsealCache, windowsCacheDirTrust } from './code-cache.ts';

declare const BERTH_BUILD_ID: string;

const fs = process.getBuiltinModule('node:fs');
const path = process.getBuiltinModule('node:path');
const vm = process.getBuiltinModule('node:vm');
const { createRequire } = process.getBuiltinModule('node:module');

/** How long `berth run` runs before its cache is taken: start-up has compiled what it needs by then. */
const RUN_SETTLE_MS = 2000;
/** Not on Windows: there the flag does not exist (and symlinks need privileges). */
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

const bundlePath = path.join(import.meta.dirname, 'berth-main.cjs');

/** Windows: the folder is inside %LOCALAPPDATA%, or PowerShell says it is ours and only ours to write. */
function isOwnWindowsDir(dir: string): boolean {
  if (windowsCacheDirTrust(dir, process.env.LOCALAPPDATA, path.win32.resolve) === 'trusted') return true;
  const { execFileSync } = process.getBuiltinModule('node:child_process');
  const stdout = execFileSync(powershellPath(), powershellArgs(ownerCheckScript(dir, powershellLiteral)), { encoding: 'utf8', windowsHide: true, timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
  return parseOwnerCheck(stdout);
}

/** The cache file to use, or null when caching is off or the folder is not safe. */
function cacheFile(): string | null {
  const dir = codeCacheDir(process.env, process.getBuiltinModule('node:os').tmpdir(), path.join);
  if (dir === null) return null;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // lstat: a symlink (or a junction, on Windows) is not a folder of ours, whatever it points to now or later.
    if (!isPrivateDir(fs.lstatSync(dir), process.getuid?.())) return null;
    if (process.platform === 'win32' && !isOwnWindowsDir(dir)) return null;
  } catch {
    return null;
  }
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  return path.join(dir, codeCacheFileName(BERTH_BUILD_ID, { version: process.version, v8: process.versions.v8, arch: process.arch, flags }, process.argv[2]));
}

/** sha256 of (sha256 of the source, data): the seal of a cache for exactly this bundle. */
function digestFor(source: string): (data: Uint8Array) => Uint8Array {
  const { createHash } = process.getBuiltinModule('node:crypto');
  let sourceHash: Buffer | undefined;
  return (data) => {
    sourceHash ??= createHash('sha256').update(source).digest();
    return createHash('sha256').update(sourceHash).update(data).digest();
  };
}

/** The sealed file's V8 data when it is a regular file of ours and its seal matches. */
function readCache(file: string, digest: (data: Uint8Array) => Uint8Array): Buffer | undefined {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | NO_FOLLOW);
    const stat = fs.fstatSync(fd);
    const uid = process.getuid?.();
    if (!stat.isFile() || (uid !== undefined && stat.uid !== uid)) return undefined;
    return unsealCache(fs.readFileSync(fd), digest);
  } catch {
    return undefined;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** A fresh temp name beside `file` (created exclusively, never through a link). */
function tempOf(file: string): string {
  return `${file}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
}

const TEMP_FLAGS = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NO_FOLLOW;

/** At exit (nothing asynchronous runs then). */
function writeCacheSync(file: string, sealed: Buffer): void {
  const temp = tempOf(file);
  try {
    const fd = fs.openSync(temp, TEMP_FLAGS, 0o600);
    try {
      fs.writeFileSync(fd, sealed);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch {
    fs.rmSync(temp, { force: true });
    return;
  }
  removeReplaced(file);
}

/** While the supervisor runs: the write and fsync must not hold its event loop. */
async function writeCache(file: string, sealed: Buffer): Promise<void> {
  const temp = tempOf(file);
  try {
    const handle = await fs.promises.open(temp, TEMP_FLAGS, 0o600);
    try {
      await handle.writeFile(sealed);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, file);
  } catch {
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    return;
  }
  removeReplaced(file);
}

/** Removes what isReplacedCacheFile says goes: caches nobody wrote for a week, killed writers' temp files. */
function removeReplaced(file: string): void {
  const dir = path.dirname(file);
  const current = path.basename(file);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    try {
      if (isReplacedCacheFile(name, current, Date.now() - fs.lstatSync(path.join(dir, name)).mtimeMs)) fs.rmSync(path.join(dir, name), { force: true });
    } catch {
      // Renamed or removed by another berth meanwhile: nothing to clean.
    }
  }
}

/** The bundle as CommonJS loads it: one function of the module's variables (its own line numbers kept). */
function asFunction(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

function main(): void {
  // Node maps stack traces of required files through their source map, not of vm scripts.
  const file = process.sourceMapsEnabled ? null : cacheFile();
  if (file === null) {
    createRequire(import.meta.url)(bundlePath);
    return;
  }
  const source = asFunction(fs.readFileSync(bundlePath, 'utf8'));
  const digest = digestFor(source);
  const cachedData = readCache(file, digest);
  const script = new vm.Script(source, {
    filename: bundlePath,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    // A cache is an optimisation: nothing about taking it may fail or slow the supervisor.
    const seal = (): Buffer | null => {
      try {
        return sealCache(script.createCachedData(), digest);
      } catch {
        return null;
      }
    };
    // Taken from a start that went well: `berth run` ~2 s in (start-up has compiled what it needs
    // by then), or any verb that exits 0 before that (a supervisor stopped early, e.g. by a
    // signal). A start that failed (bad bundle, lock held) exits non-zero and leaves no cache of
    // its failure path to be accepted until the next build.
    let taken = false;
    const take = (write: (sealed: Buffer) => unknown) => {
      if (taken) return;
      taken = true;
      const sealed = seal();
      if (sealed !== null) write(sealed);
    };
    if (process.argv[2] === 'run') setTimeout(() => take((sealed) => writeCache(file, sealed)), RUN_SETTLE_MS).unref();
    process.once('exit', (code) => {
      if (code === 0) take((sealed) => writeCacheSync(file, sealed));
    });
  }
  const module: { exports: unknown } = { exports: {} };
  const load = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  load(module.exports, createRequire(bundlePath), module, bundlePath, path.dirname(bundlePath));
}

main();
