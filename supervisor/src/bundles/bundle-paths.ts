// Where installed bundle versions live in a state dir (DESIGN §7, §10), and the scratch folders
// installs and removals work in (renamed into place, or away, in one step).
import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
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

/** Folders in bundles/ that are never versions: installs and removals under way (or cut short by a crash). */
export const SCRATCH_PREFIXES = ['.incoming-', '.removing-'] as const;

/** Removes the scratch folders a crashed install or removal left behind. */
export async function clearScratch(paths: BundlePaths): Promise<void> {
  const names = await readdir(paths.bundles).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => SCRATCH_PREFIXES.some((prefix) => name.startsWith(prefix))).map((name) => rm(join(paths.bundles, name), { recursive: true, force: true })));
}

/** A fresh scratch folder name in bundles/. */
export function scratchDir(paths: BundlePaths, prefix: (typeof SCRATCH_PREFIXES)[number]): string {
  return join(paths.bundles, `${prefix}${randomBytes(6).toString('hex')}`);
}
