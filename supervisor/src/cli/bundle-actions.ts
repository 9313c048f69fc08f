// The actions behind `berth bundle …` and `berth uninstall` (imported when one runs). With no
// supervisor on the state dir they work on it directly, under its lock; with one running, the
// files are still installed here but every switch is the supervisor's hand-off (POST
// /updates/apply), which this follows until it is over: exit 0 when the new version is all
// ready, 1 when it failed and rolled back.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bundlePaths, type BundlePaths } from '../bundles/bundle-paths.ts';
import { listVersions, previousVersion, removeVersion, requireInstalled, useVersion } from '../bundles/catalog.ts';
import { readCurrent, switchedTo, writeCurrent } from '../bundles/current-file.ts';
import { installBundle } from '../bundles/install-bundle.ts';
import { archiveAppId } from '../bundles/bundle-archive.ts';
import { connectToSupervisor, resolveClientStateDir } from '../client/index.ts';
import { defaultStateDir } from '../config/default-state-dir.ts';
import type { ControlClient } from '../control/client/index.ts';
import type { UpdatesResponse } from '../control/contract.ts';
import { BerthError } from '../errors.ts';
import { loadManifest } from '../manifest/index.ts';
import { acquireStateLock, type StateLock } from '../state/state-lock.ts';
import { printJson, printLine } from './client-command.ts';
import { testPause } from './test-pause.ts';

/** Options every bundle verb takes. */
export interface BundleFlags {
  readonly stateDir?: string;
  readonly bundle?: string;
  readonly json?: boolean;
}

/** The state dir, and either its lock (no supervisor runs) or a client of the one that does. */
type Target = { readonly stateDir: string; readonly paths: BundlePaths } & ({ readonly lock: StateLock; readonly client: null } | { readonly lock: null; readonly client: ControlClient });

async function openTarget(stateDir: string): Promise<Target> {
  const paths = bundlePaths(stateDir);
  await mkdir(stateDir, { recursive: true });
  try {
    return { stateDir, paths, lock: await acquireStateLock(join(stateDir, 'supervisor.lock')), client: null };
  } catch (error) {
    if (!(error instanceof BerthError) || error.code !== 'STATE_LOCKED') throw error;
    return { stateDir, paths, lock: null, client: await connectToSupervisor(stateDir) };
  }
}

async function withTarget<T>(stateDir: string, body: (target: Target) => Promise<T>): Promise<T> {
  const target = await openTarget(stateDir);
  try {
    return await body(target);
  } finally {
    await target.lock?.release();
  }
}

/** Follows a hand-off the supervisor began until it is over; the exit code. */
async function followHandoff(client: ControlClient, version: string, json: boolean): Promise<number> {
  let reply: UpdatesResponse = await client.updates();
  let said = '';
  while (reply.state === 'deferred' || reply.state === 'applying') {
    if (!json && reply.state !== said) printLine(reply.state === 'deferred' ? `waiting for running tasks before handing off to ${version}…` : `handing off to ${version}…`);
    said = reply.state;
    await new Promise((done) => setTimeout(done, 200));
    reply = await client.updates();
  }
  if (json) printJson(reply);
  if (reply.state === 'failed') {
    if (!json) printLine(`berth: the update to ${version} failed: ${reply.reason ?? 'unknown reason'}`);
    return 1;
  }
  if (!json) printLine(`${version} is running (known-good)`);
  return reply.running === version ? 0 : 1;
}

/** Switches to `version`: a hand-off when a supervisor runs, else current.json directly. */
async function switchTo(target: Target, version: string, json: boolean): Promise<number> {
  if (target.client !== null) {
    await target.client.applyUpdate(version);
    return followHandoff(target.client, version, json);
  }
  const current = await useVersion(target.paths, version);
  if (json) printJson({ current });
  else printLine(`current version: ${current.version} (previous ${current.previous ?? 'none'}, known-good ${current.knownGood ?? 'none'})`);
  return 0;
}

/** `berth bundle install <dir|file.tgz> [--no-activate]`. */
export async function installAction(source: string, flags: BundleFlags & { activate: boolean }): Promise<number> {
  const sourcePath = resolve(source);
  // The state dir of the app being installed (or the one named): the bundle carries its app id.
  const stateDir = flags.stateDir ?? (process.env.BERTH_STATE_DIR || undefined) ?? (await stateDirOfSource(sourcePath));
  return withTarget(resolve(stateDir), async (target) => {
    const before = await readCurrent(target.paths);
    const appId = before.kind === 'ok' ? (await loadManifest(join(target.paths.bundles, before.current.version, 'bundle.json')).catch(() => null))?.manifest.app.id : undefined;
    const installed = await installBundle(sourcePath, { paths: target.paths, stateDir: target.stateDir, ...(appId === undefined ? {} : { appId }), ...testPause(process.env) });
    if (!flags.json) printLine(installed.version);
    if (!flags.activate) {
      if (flags.json) printJson({ version: installed.version, dir: installed.dir, activated: false });
      return 0;
    }
    if (target.client !== null) return switchTo(target, installed.version, flags.json === true);
    const current = before.kind === 'ok' ? before.current : null;
    const next = switchedTo(current, installed.version);
    await writeCurrent(target.paths, next, current);
    if (flags.json) printJson({ version: installed.version, dir: installed.dir, activated: true, current: next });
    return 0;
  });
}

/** The default state dir of the app a folder or .tgz holds (its bundle.json's app.id). */
async function stateDirOfSource(source: string): Promise<string> {
  if (/\.(tgz|tar\.gz)$/i.test(source)) return defaultStateDir(await archiveAppId(source));
  const { manifest } = await loadManifest(join(source, 'bundle.json'));
  return defaultStateDir(manifest.app.id);
}

/** The state dir a bundle verb works on. */
export function stateDirOf(flags: BundleFlags): Promise<string> {
  return resolveClientStateDir(flags);
}

/** `berth bundle list`. */
export async function listAction(flags: BundleFlags): Promise<number> {
  const { current, versions } = await listVersions(bundlePaths(await stateDirOf(flags)));
  if (flags.json) {
    printJson({ current: current?.version ?? null, previous: current?.previous ?? null, knownGood: current?.knownGood ?? null, versions });
    return 0;
  }
  if (versions.length === 0) printLine('no bundle versions are installed');
  for (const entry of versions) {
    const marks = [entry.current ? 'current' : '', entry.previous ? 'previous' : '', entry.knownGood ? 'known-good' : ''].filter(Boolean);
    printLine(`${entry.current ? '*' : ' '} ${entry.version}${marks.length > 0 ? `  (${marks.join(', ')})` : ''}`);
  }
  return 0;
}

/** `berth bundle use <version>`. */
export async function useAction(version: string, flags: BundleFlags): Promise<number> {
  return withTarget(await stateDirOf(flags), async (target) => {
    await requireInstalled(target.paths, version);
    return switchTo(target, version, flags.json === true);
  });
}

/** `berth bundle rollback`: to the previous version. */
export async function rollbackAction(flags: BundleFlags): Promise<number> {
  return withTarget(await stateDirOf(flags), async (target) => switchTo(target, await previousVersion(target.paths), flags.json === true));
}

/** `berth bundle remove <version>`: never the current or known-good one. */
export async function removeAction(version: string, flags: BundleFlags): Promise<number> {
  return withTarget(await stateDirOf(flags), async (target) => {
    await removeVersion(target.paths, version);
    if (flags.json) printJson({ removed: version });
    else printLine(`removed ${version}`);
    return 0;
  });
}

/** Entries of the state dir --keep-data keeps: the data, its backups, and the secrets. */
const KEPT_WITH_DATA = /^(data|data\.backup-.*|secrets)$/;

/** `berth uninstall --yes [--keep-data]`: refused while a supervisor runs. */
export async function uninstallAction(flags: BundleFlags & { yes: boolean; keepData: boolean }): Promise<number> {
  if (!flags.yes) throw new BerthError('CONFIG_INVALID', '--yes: uninstall removes every installed version and, without --keep-data, the data; pass --yes to do it');
  const stateDir = await stateDirOf(flags);
  const target = await openTarget(stateDir);
  if (target.client !== null) throw new BerthError('STATE_LOCKED', `a supervisor is running on ${stateDir}; stop it first (berth shutdown)`);
  try {
    const names = await readdir(stateDir).catch(() => [] as string[]);
    const removed = names.filter((name) => name !== 'supervisor.lock' && !(flags.keepData && KEPT_WITH_DATA.test(name)));
    for (const name of removed) await rm(join(stateDir, name), { recursive: true, force: true });
    if (flags.json) printJson({ stateDir, removed, keptData: flags.keepData });
    else printLine(`uninstalled from ${stateDir}${flags.keepData ? ' (data kept)' : ''}`);
  } finally {
    await target.lock?.release();
  }
  if (!flags.keepData) await rm(stateDir, { recursive: true, force: true });
  return 0;
}
