// Where installed bundle versions live in a state dir (DESIGN §7, §10), and the scratch folders
// installs and removals work in (renamed into place, or away, in one step).
import { randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The parts of the state dir that hold installed versions. */
export interface BundlePaths {
  /** `<stateDir>/bundles`: one folder per version. */
  readonly bundles: string;
  /** `<stateDir>/current.json`: which version runs, the previous one, the known-good one. */
  readonly current: string;
  /** `<stateDir>/bundles/known-good.json`: the known-good version again, for when current.json is lost. */
  readonly knownGood: string;
  /** `<stateDir>/handoff.json`: the journal of a hand-off under way (crash recovery). */
  readonly handoff: string;
}

/** The bundle paths of `stateDir`. */
export function bundlePaths(stateDir: string): BundlePaths {
  const bundles = join(stateDir, 'bundles');
  return { bundles, current: join(stateDir, 'current.json'), knownGood: join(bundles, 'known-good.json'), handoff: join(stateDir, 'handoff.json') };
}

/** The folder of one installed version. */
export function versionDir(paths: BundlePaths, version: string): string {
  return join(paths.bundles, version);
}

/** A version string safe as a folder name (semver: digits, letters, `.`, `-`, `+`). */
export function isSafeVersion(version: string): boolean {
  return /^[0-9A-Za-z][0-9A-Za-z.+-]*$/.test(version) && !version.includes('..');
}

/** Entries of bundles/ that are never versions: installs, downloads and removals under way (or cut short by a crash). */
export const SCRATCH_PREFIXES = ['.incoming-', '.download-', '.removing-'] as const;

/**
 * Scratch left untouched this long is a crash's leftover (another process's install or download
 * may be under way right now: a younger one is left alone).
 */
const SCRATCH_STALE_MS = 60 * 60 * 1000;

/** Removes the scratch a crashed install, download or removal left behind. */
export async function clearScratch(paths: BundlePaths, nowMs: number = Date.now()): Promise<void> {
  const names = (await readdir(paths.bundles).catch(() => [] as string[])).filter((name) => SCRATCH_PREFIXES.some((prefix) => name.startsWith(prefix)));
  await Promise.all(
    names.map(async (name) => {
      const path = join(paths.bundles, name);
      const info = await stat(path).catch(() => null);
      if (info !== null && nowMs - info.mtimeMs >= SCRATCH_STALE_MS) await rm(path, { recursive: true, force: true });
    }),
  );
}

/** A fresh scratch folder name in bundles/. */
export function scratchDir(paths: BundlePaths, prefix: (typeof SCRATCH_PREFIXES)[number]): string {
  return join(paths.bundles, `${prefix}${randomBytes(6).toString('hex')}`);
}
