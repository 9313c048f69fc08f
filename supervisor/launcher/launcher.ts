// The `berth` executable (bin.berth = dist/supervisor/berth.mjs, built from this file by
// scripts/build/supervisor.ts): loads the supervisor bundle, berth-main.cjs, through a V8 code
// cache taken *after* the code has run (issue 9, start-up time). Node's own compile cache is taken
// right after compiling, so it holds only the bundle's top level, and every function that runs at
// start-up was compiled again at every start: ~40 ms of a `berth run` start on the bench machine.
// The cache is written once per build and runtime (atomically, in a private folder) and only
// when V8 had none to accept. Builtins come from process.getBuiltinModule, not `import`: an ES
// module's import of a builtin builds a facade of all its exports, which costs more than it saves.
import { codeCacheDir, codeCacheFileName, isPrivateDir, isReplacedCacheFile } from './code-cache.ts';

declare const BERTH_BUILD_ID: string;

const fs = process.getBuiltinModule('node:fs');
const path = process.getBuiltinModule('node:path');
const vm = process.getBuiltinModule('node:vm');
const { createRequire } = process.getBuiltinModule('node:module');

/** How long `berth run` runs before its cache is taken: start-up has compiled what it needs by then. */
const RUN_SETTLE_MS = 2000;

const bundlePath = path.join(import.meta.dirname, 'berth-main.cjs');

/** The cache file to use, or null when caching is off or the folder is not safe. */
function cacheFile(): string | null {
  const dir = codeCacheDir(process.env, process.getBuiltinModule('node:os').tmpdir(), path.join);
  if (dir === null) return null;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!isPrivateDir(fs.statSync(dir), process.getuid?.())) return null;
  } catch {
    return null;
  }
  return path.join(dir, codeCacheFileName(BERTH_BUILD_ID, { version: process.version, v8: process.versions.v8, arch: process.arch }, process.argv[2]));
}

function readCache(file: string | null): Buffer | undefined {
  if (file === null) return undefined;
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Temp file, fsync, rename: a torn cache is never loaded. Failures only cost the next start time. */
function writeCache(file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  let fd: number | null = null;
  try {
    fd = fs.openSync(temp, 'w', 0o600);
    for (let written = 0; written < data.length; ) written += fs.writeSync(fd, data, written);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(temp, file);
  } catch {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    return;
  }
  removeReplaced(file);
}

/** Removes what the new file replaces: other builds' caches for this runtime, stale temp files. */
function removeReplaced(file: string): void {
  const dir = path.dirname(file);
  const current = path.basename(file);
  try {
    for (const name of fs.readdirSync(dir)) {
      const ageMs = name.endsWith('.tmp') ? Date.now() - fs.statSync(path.join(dir, name)).mtimeMs : null;
      if (isReplacedCacheFile(name, current, ageMs)) fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // Another process removed it first, or the folder is gone: nothing to clean.
  }
}

/** The bundle as CommonJS loads it: one function of the module's variables (its own line numbers kept). */
function asFunction(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

function main(): void {
  const file = cacheFile();
  const cachedData = readCache(file);
  const script = new vm.Script(asFunction(fs.readFileSync(bundlePath, 'utf8')), { filename: bundlePath, ...(cachedData === undefined ? {} : { cachedData }) });
  if (file !== null && (cachedData === undefined || script.cachedDataRejected === true)) {
    let taken = false;
    const take = () => {
      if (taken) return;
      taken = true;
      writeCache(file, script.createCachedData());
    };
    // The supervisor's cache once start-up is done; a short verb's (or a run that ends sooner) at exit.
    if (process.argv[2] === 'run') setTimeout(take, RUN_SETTLE_MS).unref();
    process.once('exit', take);
  }
  const module: { exports: unknown } = { exports: {} };
  const load = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  load(module.exports, createRequire(bundlePath), module, bundlePath, path.dirname(bundlePath));
}

main();
