// The installed versions of a state dir, with which one is current, previous and known-good, and
// the switches a person makes between them offline (`berth bundle use|rollback|remove` with no
// supervisor running; a running one hands off instead, see updates/).
import { readdir, rename, rm } from 'node:fs/promises';
import semver from 'semver';
import type { InstalledVersion } from '../control/contract.ts';
import { BerthError } from '../errors.ts';
import { isSafeVersion, scratchDir, versionDir, type BundlePaths } from './bundle-paths.ts';
import { readCurrent, switchedTo, writeCurrent, type CurrentFile } from './current-file.ts';

/** Installed versions, oldest first (semver order; other names after, by name). */
export async function installedVersions(paths: BundlePaths): Promise<string[]> {
  const entries = await readdir(paths.bundles, { withFileTypes: true }).catch(() => []);
  const versions = entries.filter((entry) => entry.isDirectory() && isSafeVersion(entry.name)).map((entry) => entry.name);
  return versions.sort((a, b) => {
    const [validA, validB] = [semver.valid(a), semver.valid(b)];
    if (validA !== null && validB !== null) return semver.compare(validA, validB);
    if (validA !== null) return -1;
    if (validB !== null) return 1;
    return a.localeCompare(b);
  });
}

/** current.json, or null when there is none (a corrupt one is an error naming the fix). */
export async function currentOrNull(paths: BundlePaths): Promise<CurrentFile | null> {
  const read = await readCurrent(paths);
  if (read.kind === 'ok') return read.current;
  if (read.kind === 'missing') return null;
  throw new BerthError('BUNDLE_INVALID', `${paths.current} is corrupt (${read.problem}); \`berth bundle use <version>\` writes a new one`);
}

/** Every installed version, marked. */
export async function listVersions(paths: BundlePaths): Promise<{ current: CurrentFile | null; versions: InstalledVersion[] }> {
  const [versions, read] = await Promise.all([installedVersions(paths), readCurrent(paths)]);
  const current = read.kind === 'ok' ? read.current : null;
  return {
    current,
    versions: versions.map((version) => ({ version, current: current?.version === version, previous: current?.previous === version, knownGood: current?.knownGood === version })),
  };
}

/** Fails unless `version` is installed. */
export async function requireInstalled(paths: BundlePaths, version: string): Promise<void> {
  if (!(await installedVersions(paths)).includes(version)) throw new BerthError('BUNDLE_NOT_INSTALLED', `version ${version} is not installed (see \`berth bundle list\`)`);
}

/** Switches current.json to an installed version (no supervisor runs). */
export async function useVersion(paths: BundlePaths, version: string): Promise<CurrentFile> {
  await requireInstalled(paths, version);
  const current = await currentOrNull(paths);
  const next = switchedTo(current, version);
  await writeCurrent(paths, next, current);
  return next;
}

/** The version `rollback` goes back to. */
export async function previousVersion(paths: BundlePaths): Promise<string> {
  const previous = (await currentOrNull(paths))?.previous ?? null;
  if (previous === null) throw new BerthError('BUNDLE_NOT_INSTALLED', 'there is no previous version to roll back to');
  return previous;
}

/** Removes an installed version: never the current or the known-good one. */
export async function removeVersion(paths: BundlePaths, version: string): Promise<void> {
  await requireInstalled(paths, version);
  const current = await currentOrNull(paths);
  if (current?.version === version) throw new BerthError('BUNDLE_INVALID', `version ${version} is the current one; switch to another first (\`berth bundle use <version>\`)`);
  if (current?.knownGood === version) throw new BerthError('BUNDLE_INVALID', `version ${version} is the known-good one (the fallback); it stays until another version reaches all-ready`);
  const next: CurrentFile | null = current?.previous === version ? { ...current, previous: null } : null;
  if (next !== null) await writeCurrent(paths, next, current);
  // Renamed away first: a crash mid-removal leaves scratch (cleared later), never half a version.
  const trash = scratchDir(paths, '.removing-');
  await rename(versionDir(paths, version), trash);
  await rm(trash, { recursive: true, force: true });
}
