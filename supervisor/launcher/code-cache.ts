// Where the launcher keeps its V8 code cache, and whether that place is safe to load code from.
// Pure: the launcher (launcher.ts) does the file system work.

/** The environment variables that steer Node's own compile cache steer this one too. */
export interface CodeCacheEnv {
  readonly NODE_COMPILE_CACHE?: string | undefined;
  readonly NODE_DISABLE_COMPILE_CACHE?: string | undefined;
}

/** The folder of the cache: Node's compile-cache folder (NODE_COMPILE_CACHE, else <tmp>/node-compile-cache), or null when caching is off (NODE_DISABLE_COMPILE_CACHE set, to anything, as for Node). */
export function codeCacheDir(env: CodeCacheEnv, tmpDir: string, join: (...parts: string[]) => string): string | null {
  if (env.NODE_DISABLE_COMPILE_CACHE !== undefined) return null;
  return env.NODE_COMPILE_CACHE !== undefined && env.NODE_COMPILE_CACHE !== '' ? env.NODE_COMPILE_CACHE : join(tmpDir, 'node-compile-cache');
}

/** FNV-1a, 32 bits, as 8 hex digits: a short name for a string, not a checksum. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * The cache file for this build, runtime, V8 flags and kind of start. `run` (the supervisor) gets
 * its own file: its cache is taken after start-up, and a short verb's would hold too little of
 * it. V8 rejects data of another V8 version or other flags by itself; the key keeps two runtimes
 * (system Node, Electron's) or two flag sets (`--stack-size`…) from replacing each other's file
 * at every start.
 */
export function codeCacheFileName(buildId: string, runtime: { version: string; v8: string; arch: string; flags: string }, verb: string | undefined): string {
  const kind = verb === 'run' ? 'run' : 'cli';
  return `berth-${buildId}-${runtime.version}-v8-${runtime.v8}-${runtime.arch}-f${shortHash(runtime.flags)}-${kind}.v8cache`.replace(/[^\w.-]/g, '_');
}

/** First bytes of every cache file (format 1: magic, 32-byte digest, V8's data). */
export const CACHE_MAGIC = Buffer.from('BERTHV8\x01', 'latin1');
const HEADER_BYTES = CACHE_MAGIC.length + 32;

/**
 * V8 checks only the source's length and its own version and flags: release builds do not
 * checksum the data, and a damaged cache crashes the process at every start (or runs wrong code).
 * So the file carries a digest of the bundle's source and the data (`digest`, sha256 in the
 * launcher), checked before V8 sees a byte.
 */
export function sealCache(data: Uint8Array, digest: (data: Uint8Array) => Uint8Array): Buffer {
  return Buffer.concat([CACHE_MAGIC, digest(data), data]);
}

/** The V8 data of a sealed file, or undefined when it is not one, or not for this source. */
export function unsealCache(file: Buffer, digest: (data: Uint8Array) => Uint8Array): Buffer | undefined {
  if (file.length <= HEADER_BYTES || !file.subarray(0, CACHE_MAGIC.length).equals(CACHE_MAGIC)) return undefined;
  const data = file.subarray(HEADER_BYTES);
  return Buffer.from(digest(data)).equals(file.subarray(CACHE_MAGIC.length, HEADER_BYTES)) ? data : undefined;
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
 * Where there are no uids (Windows), stat cannot tell: windowsCacheDirTrust decides there.
 */
export function isPrivateDir(stat: DirStat, uid: number | undefined): boolean {
  if (!stat.isDirectory()) return false;
  if (uid === undefined) return true;
  return stat.uid === uid && (stat.mode & 0o022) === 0;
}

/**
 * How a Windows cache folder is trusted. Inside %LOCALAPPDATA% (the default: %TEMP% is
 * <LOCALAPPDATA>\Temp) it is, without asking: Windows gives that folder an ACL of the user,
 * SYSTEM and Administrators, so no other user can create or change anything below it. Anywhere
 * else (NODE_COMPILE_CACHE, a redirected TEMP) one PowerShell query reads its owner and who may
 * write it (ownerCheckScript), paid only for such a folder; `resolve` is path.win32.resolve.
 */
export function windowsCacheDirTrust(dir: string, localAppData: string | undefined, resolve: (path: string) => string): 'trusted' | 'ask' {
  if (localAppData === undefined || localAppData === '') return 'ask';
  const folder = resolve(dir).toLowerCase();
  const root = resolve(localAppData).replace(/\\+$/, '').toLowerCase();
  return folder === root || folder.startsWith(`${root}\\`) ? 'trusted' : 'ask';
}

/** Rights that let their holder plant or change a file in a folder (FileSystemRights, generic write and all included). */
const WRITE_RIGHTS = 0x2 | 0x4 | 0x10 | 0x40 | 0x100 | 0x1_0000 | 0x4_0000 | 0x8_0000 | 0x1000_0000 | 0x4000_0000;

/**
 * PowerShell that prints `owner <SID>`, `user <SID>` (the current user) and `writer <SID>` for each
 * allow entry granting a write right on the folder itself (inherit-only entries apply to its
 * children, which the folder's own entries already bound). `literal` quotes the path
 * (powershellLiteral).
 */
export function ownerCheckScript(dir: string, literal: (text: string) => string): string {
  const sid = '[System.Security.Principal.SecurityIdentifier]';
  return [
    `$acl = Get-Acl -LiteralPath ${literal(dir)}`,
    `'owner ' + $acl.GetOwner(${sid}).Value`,
    `'user ' + [System.Security.Principal.WindowsIdentity]::GetCurrent().User.Value`,
    `foreach ($rule in $acl.GetAccessRules($true, $true, ${sid})) { if ($rule.AccessControlType -eq 'Allow' -and -not ($rule.PropagationFlags -band 2) -and ([int64]$rule.FileSystemRights -band ${WRITE_RIGHTS})) { 'writer ' + $rule.IdentityReference.Value } }`,
  ].join('; ');
}

/** Who besides the user may write a cache folder: SYSTEM and Administrators (as root may on POSIX). */
const TRUSTED_WRITERS = ['S-1-5-18', 'S-1-5-32-544'];

/** ownerCheckScript's verdict: the folder is the user's and nobody else (but SYSTEM, Administrators) may write it. */
export function parseOwnerCheck(stdout: string): boolean {
  const lines = stdout.split(/\r?\n/).map((line) => line.trim().split(' '));
  const value = (key: string) => lines.filter(([name, sid]) => name === key && sid !== undefined && /^S-1-[\d-]+$/.test(sid)).map(([, sid]) => sid as string);
  const [owner] = value('owner');
  const [user] = value('user');
  return owner !== undefined && owner === user && value('writer').every((sid) => sid === user || TRUSTED_WRITERS.includes(sid));
}

const BUILD_ID_AT = /^berth-[0-9a-f]{16}-/;

/** A cache file not rewritten for this long is removed by the next berth that writes one. */
export const STALE_CACHE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * True for a berth cache file to remove when `current` is written: any build's temp file a minute
 * old (a killed writer), or any other cache file not written for STALE_CACHE_MS (an old build,
 * runtime or flags). Not every other build's file at once: two berth versions sharing the folder
 * (an app and a global CLI) would delete each other's cache at every start, and each start would
 * compile and write it again; now a cache in use is rebuilt at most once a week. `ageMs`: since
 * the file's mtime (null when unknown).
 */
export function isReplacedCacheFile(name: string, current: string, ageMs: number | null): boolean {
  if (!BUILD_ID_AT.test(name) || name === current || ageMs === null) return false;
  return ageMs > (name.endsWith('.tmp') ? 60_000 : STALE_CACHE_MS);
}
