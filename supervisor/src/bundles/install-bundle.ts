// `berth bundle install <dir|file.tgz>`: the bundle is copied (or unpacked) into a staging folder
// beside the installed versions, checked there (manifest, the files it names, the app it belongs
// to, links that stay inside), and only then renamed to bundles/<app.version>/ — one rename, so a
// crash leaves either no version or a complete one. A staging folder left by a crash is removed by
// the next install. Nothing else (current.json, other versions, data/) is touched.
import { cp, lstat, mkdir, readdir, readlink, rename, rm, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { BerthError } from '../errors.ts';
import { syncDirectory } from '../fs/atomic-write.ts';
import { loadManifest, manifestInvalidError, type LoadedManifest } from '../manifest/index.ts';
import { extractArchive, findUnsafeEntries } from './bundle-archive.ts';
import { findMissingBundleFiles } from './bundle-files.ts';
import { clearScratch, isSafeVersion, scratchDir, versionDir, type BundlePaths } from './bundle-paths.ts';

/** An installed version. */
export interface InstalledBundle {
  readonly version: string;
  readonly dir: string;
  readonly loaded: LoadedManifest;
}

/** What an install checks the bundle against. */
export interface InstallOptions {
  readonly paths: BundlePaths;
  readonly stateDir: string;
  /** The app id installed versions belong to (a bundle of another app is refused). */
  readonly appId?: string;
  /** Test-only: called between steps, to kill the process there. */
  readonly pauseAt?: (step: string) => Promise<void>;
}

function isArchive(path: string): boolean {
  return /\.(tgz|tar\.gz)$/i.test(path);
}

/** Symbolic links in a folder whose targets leave it (a copied bundle must not reach outside). */
async function linksLeaving(root: string, dir = root): Promise<string[]> {
  const problems: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      const target = await readlink(path);
      const landing = isAbsolute(target) ? target : resolve(dirname(path), target);
      const inside = relative(root, landing);
      if (inside.startsWith('..') || isAbsolute(inside)) problems.push(`${relative(root, path)}: a link to ${target}, outside the bundle`);
    } else if (entry.isDirectory()) {
      problems.push(...(await linksLeaving(root, path)));
    }
  }
  return problems;
}

/** The folder of an unpacked archive that holds bundle.json: its root, or its one top folder. */
async function bundleRootOf(staging: string): Promise<string> {
  const entries = await readdir(staging, { withFileTypes: true });
  if (entries.some((entry) => entry.name === 'bundle.json')) return staging;
  const folders = entries.filter((entry) => entry.isDirectory());
  if (folders.length === 1 && folders[0] !== undefined) return join(staging, folders[0].name);
  return staging;
}

/** Copies or unpacks `source` into `staging`; returns the folder holding bundle.json. */
async function stage(source: string, staging: string): Promise<string> {
  const info = await stat(source).catch(() => null);
  if (info === null) throw new BerthError('MANIFEST_NOT_FOUND', `${source}: no such folder or .tgz file`);
  if (info.isDirectory()) {
    const leaving = await linksLeaving(source);
    if (leaving.length > 0) throw new BerthError('BUNDLE_INVALID', `${source}: links leave the bundle; refused`, { details: leaving });
    await cp(source, staging, { recursive: true, verbatimSymlinks: true, filter: (from) => !from.split(/[\\/]/).includes('.git') });
    return staging;
  }
  if (!isArchive(source)) throw new BerthError('BUNDLE_INVALID', `${source}: a bundle is a folder or a .tgz file`);
  const unsafe = await findUnsafeEntries(source).catch((error: unknown) => {
    throw new BerthError('BUNDLE_INVALID', `${source}: not a readable .tgz archive`, { cause: error });
  });
  if (unsafe.length > 0) throw new BerthError('BUNDLE_INVALID', `${source}: entries would land outside the bundle; refused`, { details: unsafe });
  await mkdir(staging, { recursive: true });
  await extractArchive(source, staging);
  return bundleRootOf(staging);
}

/** Checks a staged bundle: a valid manifest, every file it names, the same app, a new version. */
async function checkStaged(root: string, options: InstallOptions): Promise<LoadedManifest> {
  const loaded = await loadManifest(join(root, 'bundle.json'));
  const missing = await findMissingBundleFiles(loaded, options.stateDir);
  if (missing.length > 0) throw manifestInvalidError(loaded.path, missing);
  const { id, version } = loaded.manifest.app;
  if (options.appId !== undefined && id !== options.appId) throw new BerthError('BUNDLE_INVALID', `app.id: this bundle is "${id}", the installed versions are "${options.appId}"`);
  if (!isSafeVersion(version)) throw new BerthError('BUNDLE_INVALID', `app.version: "${version}" cannot name a folder`);
  if ((await lstat(versionDir(options.paths, version)).catch(() => null)) !== null) {
    throw new BerthError('BUNDLE_INVALID', `app.version: ${version} is already installed (remove it first with \`berth bundle remove ${version}\`, or give the new bundle a new version)`);
  }
  return loaded;
}

/** Installs `source` as bundles/<app.version>/; returns it (nothing is switched). */
export async function installBundle(source: string, options: InstallOptions): Promise<InstalledBundle> {
  const { paths } = options;
  await mkdir(paths.bundles, { recursive: true });
  await clearScratch(paths);
  const staging = scratchDir(paths, '.incoming-');
  try {
    const root = await stage(resolve(source), staging);
    await options.pauseAt?.('install:staged');
    const loaded = await checkStaged(root, options);
    const version = loaded.manifest.app.version;
    const dir = versionDir(paths, version);
    await rename(root, dir);
    await syncDirectory(paths.bundles);
    await options.pauseAt?.('install:renamed');
    return { version, dir, loaded: await loadManifest(join(dir, 'bundle.json')) };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
