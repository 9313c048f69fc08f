// Where the launcher keeps its V8 code cache, and whether that place is safe to load code from.
// Pure: the launcher (launcher.ts) does the file system work.

/** The environment variables that steer Node's own compile cache steer this one too. */
export interface CodeCacheEnv {
  readonly NODE_COMPILE_CACHE?: string | undefined;
  readonly NODE_DISABLE_COMPILE_CACHE?: string | undefined;
}

/** The folder of the cache: Node's compile-cache folder (NODE_COMPILE_CACHE, else <tmp>/node-compile-cache), or null when caching is off. */
export function codeCacheDir(env: CodeCacheEnv, tmpDir: string, join: (...parts: string[]) => string): string | null {
  if (env.NODE_DISABLE_COMPILE_CACHE !== undefined && env.NODE_DISABLE_COMPILE_CACHE !== '') return null;
  return env.NODE_COMPILE_CACHE !== undefined && env.NODE_COMPILE_CACHE !== '' ? env.NODE_COMPILE_CACHE : join(tmpDir, 'node-compile-cache');
}

/**
 * The cache file for this build, runtime and kind of start. `run` (the supervisor) gets its own
 * file: its cache is taken after start-up, and a short verb's cache would hold too little of it.
 * V8 rejects data of another V8 version or other flags by itself; the key keeps two runtimes
 * (system Node, Electron's) from overwriting each other's file at every start.
 */
export function codeCacheFileName(buildId: string, runtime: { version: string; v8: string; arch: string }, verb: string | undefined): string {
  const kind = verb === 'run' ? 'run' : 'cli';
  return `berth-${buildId}-${runtime.version}-v8-${runtime.v8}-${runtime.arch}-${kind}.v8cache`.replace(/[^\w.-]/g, '_');
}

/** The few fields of a folder's stat the safety check reads. */
export interface DirStat {
  readonly uid: number;
  readonly mode: number;
  isDirectory(): boolean;
}

/**
 * Code is loaded from the cache, so the folder must be ours and writable by nobody else: the
 * default lives in the shared temp folder, where another user could otherwise plant a file.
 * Where there are no uids (Windows), the per-user temp folder is trusted.
 */
export function isPrivateDir(stat: DirStat, uid: number | undefined): boolean {
  if (!stat.isDirectory()) return false;
  if (uid === undefined) return true;
  return stat.uid === uid && (stat.mode & 0o022) === 0;
}

const BUILD_ID_AT = /^berth-[0-9a-f]{16}-/;

/**
 * True for a cache file that `current` replaces: the same runtime and kind from another build
 * (one is left behind by every upgrade), or a temp file of a write that was killed midway.
 */
export function isReplacedCacheFile(name: string, current: string, tempAgeMs: number | null): boolean {
  if (!BUILD_ID_AT.test(name) || name === current) return false;
  const suffix = current.replace(BUILD_ID_AT, '');
  if (name.endsWith('.tmp')) return name.startsWith(current) && tempAgeMs !== null && tempAgeMs > 60_000;
  return name.replace(BUILD_ID_AT, '') === suffix;
}
