// Which bundle `berth run` runs (DESIGN §3): --bundle > BERTH_BUNDLE > the installed current
// version (<stateDir>/current.json) > ./bundle.json > the packaged one. The state dir comes first
// (installed versions live there): --state-dir > BERTH_STATE_DIR > the app-data folder of the
// app.id the bundle at hand names. A current version that cannot run (current.json missing or
// corrupt, its folder gone or no longer valid) falls back to the known-good version, with one line
// saying what happened and which command fixes it.
import { join } from 'node:path';
import semver from 'semver';
import { defaultStateDir } from '../config/default-state-dir.ts';
import type { RunConfig } from '../config/resolve-config.ts';
import { BerthError, messageOf } from '../errors.ts';
import { loadManifest, type LoadedManifest } from '../manifest/index.ts';
import { findMissingBundleFiles } from './bundle-files.ts';
import { versionDir, type BundlePaths } from './bundle-paths.ts';
import { installedVersions } from './catalog.ts';
import { readCurrent, readKnownGoodMarker, switchedTo, writeCurrent } from './current-file.ts';
import { installBundle } from './install-bundle.ts';

/** The bundle to run. */
export interface BundleChoice {
  readonly loaded: LoadedManifest;
  /** Which installed version it is; null for a bundle run as it is (--bundle, ./bundle.json). */
  readonly installed: string | null;
  /** One line for the log when the current version could not run, else null. */
  readonly notice: string | null;
}

/** The state dir of a run, and the bundle at hand that named it (loaded once). */
export async function placeStateDir(config: RunConfig, env: NodeJS.ProcessEnv): Promise<{ stateDir: string; atHand: LoadedManifest | null }> {
  const atHand = config.bundlePath === undefined ? null : await loadManifest(config.bundlePath);
  const stateDir = config.stateDir ?? (atHand === null ? undefined : defaultStateDir(atHand.manifest.app.id, env));
  if (stateDir === undefined) throw new BerthError('MANIFEST_NOT_FOUND', 'no bundle.json and no state dir: pass --bundle or --state-dir');
  return { stateDir, atHand };
}

/** An installed version, loaded and checked (its manifest and every file it names); else why not. */
async function loadInstalled(paths: BundlePaths, version: string, stateDir: string): Promise<LoadedManifest | string> {
  try {
    const loaded = await loadManifest(join(versionDir(paths, version), 'bundle.json'));
    const missing = await findMissingBundleFiles(loaded, stateDir);
    return missing.length === 0 ? loaded : `${missing[0]?.path ?? ''}: ${missing[0]?.message ?? 'a file is missing'}`;
  } catch (error) {
    return messageOf(error);
  }
}

/** The desktop app's shipped bundle goes in when nothing is installed or it is newer than all that is. */
async function seed(paths: BundlePaths, stateDir: string, seedBundle: string, appId: string | undefined): Promise<void> {
  const shipped = await loadManifest(seedBundle);
  const versions = await installedVersions(paths);
  const newest = versions.filter((version) => semver.valid(version) !== null).at(-1);
  if (versions.includes(shipped.manifest.app.version) || (newest !== undefined && !semver.gt(shipped.manifest.app.version, newest))) return;
  const installed = await installBundle(shipped.bundleDir, { paths, stateDir, ...(appId === undefined ? {} : { appId }) });
  const read = await readCurrent(paths);
  const current = read.kind === 'ok' ? read.current : null;
  await writeCurrent(paths, switchedTo(current, installed.version), current);
}

/** Chooses what runs, seeding the shipped bundle first when there is one. */
export async function chooseBundle(config: RunConfig, atHand: LoadedManifest | null, paths: BundlePaths, stateDir: string): Promise<BundleChoice> {
  if (config.explicitBundle && atHand !== null) return { loaded: atHand, installed: null, notice: null };
  if (config.seedBundle !== undefined) await seed(paths, stateDir, config.seedBundle, atHand?.manifest.app.id);
  const read = await readCurrent(paths);
  let trouble: string;
  if (read.kind === 'ok') {
    const loaded = await loadInstalled(paths, read.current.version, stateDir);
    if (typeof loaded !== 'string') return { loaded, installed: read.current.version, notice: null };
    trouble = `installed version ${read.current.version} cannot run (${loaded})`;
  } else if (read.kind === 'corrupt') {
    trouble = `${paths.current} is corrupt (${read.problem})`;
  } else {
    if ((await installedVersions(paths)).length === 0) return fallbackAtHand(atHand);
    trouble = `${paths.current} is missing`;
  }
  const knownGood = read.kind === 'ok' ? read.current.knownGood : await readKnownGoodMarker(paths);
  const fallback = knownGood === null ? 'no known-good version' : await loadInstalled(paths, knownGood, stateDir);
  if (typeof fallback === 'string') throw new BerthError('BUNDLE_INVALID', `${trouble}, and ${knownGood === null ? fallback : `known-good version ${knownGood} cannot run either (${fallback})`}; install a good version with \`berth bundle install\``);
  const fix = read.kind === 'ok' ? `\`berth bundle install\` a fixed ${read.current.version}, or \`berth bundle use ${knownGood ?? ''}\` to stay on it` : `\`berth bundle use <version>\` writes a new current.json`;
  return { loaded: fallback, installed: knownGood, notice: `${trouble}; running known-good version ${knownGood ?? ''} instead. Fix: ${fix}.` };
}

/** Nothing installed: the bundle at hand (./bundle.json, the packaged one). */
function fallbackAtHand(atHand: LoadedManifest | null): BundleChoice {
  if (atHand === null) throw new BerthError('MANIFEST_NOT_FOUND', 'no bundle is installed in this state dir and none is at hand: pass --bundle, or `berth bundle install` one');
  return { loaded: atHand, installed: null, notice: null };
}
