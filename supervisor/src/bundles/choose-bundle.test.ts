// Which version runs, and the offline switches between versions, against a real state dir:
// current.json and the known-good marker, a corrupt or missing current.json, a version folder that
// went away, the desktop app's seed, and the rules of use/rollback/remove.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunConfig } from '../config/resolve-config.ts';
import { bundlePaths } from './bundle-paths.ts';
import { listVersions, previousVersion, removeVersion, useVersion } from './catalog.ts';
import { chooseBundle } from './choose-bundle.ts';
import { readCurrent, writeCurrent } from './current-file.ts';
import { installBundle } from './install-bundle.ts';

let root = '';
const stateDir = () => join(root, 'state');
const paths = () => bundlePaths(stateDir());
const config = (fields: Partial<RunConfig> = {}): RunConfig => ({ bundlePath: undefined, explicitBundle: false, seedBundle: undefined, stateDir: stateDir(), profile: 'headless', controlPort: undefined, dashboard: false, exitWithParent: false, envFiles: [], inheritEnv: [], controlHost: undefined, apiKeyFile: undefined, exitOnFailure: false, ...fields });

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'berth-choose-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function source(version: string): Promise<string> {
  const dir = join(root, `src-${version}`);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'bundle.json'), JSON.stringify({ schemaVersion: 1, app: { id: 'dev.berth.test', name: 'T', version }, services: { web: { command: ['${node}', '-e', '0'] } } }));
  return dir;
}

/** Installs the versions and makes the last current (known-good as given). */
async function install(versions: string[], knownGood: string | null): Promise<void> {
  for (const version of versions) await installBundle(await source(version), { paths: paths(), stateDir: stateDir() });
  await writeCurrent(paths(), { version: versions.at(-1) ?? '', previous: versions.at(-2) ?? null, knownGood });
}

describe('chooseBundle', () => {
  it('runs the installed current version', async () => {
    await install(['1.0.0', '2.0.0'], '1.0.0');
    const choice = await chooseBundle(config(), null, paths(), stateDir());
    expect(choice).toMatchObject({ installed: '2.0.0', notice: null });
    expect(choice.loaded.bundleDir).toBe(join(paths().bundles, '2.0.0'));
  });

  it('an explicit --bundle runs as it is, installed versions aside', async () => {
    await install(['1.0.0'], '1.0.0');
    const atHand = { loaded: true } as never;
    expect(await chooseBundle(config({ explicitBundle: true, bundlePath: '/x/bundle.json' }), atHand, paths(), stateDir())).toMatchObject({ installed: null, loaded: atHand });
  });

  it.each([
    ['a corrupt current.json', async () => writeFile(paths().current, '{"version": 7'), /current\.json is corrupt \(not JSON\); running known-good version 1\.0\.0 instead\. Fix: `berth bundle use <version>`/],
    ['a missing current.json (the known-good marker remains)', async () => rm(paths().current), /current\.json is missing; running known-good version 1\.0\.0 instead/],
    ['a current version folder that was deleted', async () => rm(join(paths().bundles, '2.0.0'), { recursive: true }), /installed version 2\.0\.0 cannot run \(.*\); running known-good version 1\.0\.0 instead\. Fix: `berth bundle install` a fixed 2\.0\.0, or `berth bundle use 1\.0\.0`/],
    ['a current version that no longer validates', async () => writeFile(join(paths().bundles, '2.0.0', 'bundle.json'), '{}'), /installed version 2\.0\.0 cannot run/],
  ])('%s → the known-good version, with one line saying what to do', async (_label, damage, notice) => {
    await install(['1.0.0', '2.0.0'], '1.0.0');
    await damage();
    const choice = await chooseBundle(config(), null, paths(), stateDir());
    expect(choice.installed).toBe('1.0.0');
    expect(choice.notice).toMatch(notice);
  });

  it('nothing installed: the bundle at hand; nothing at hand either: MANIFEST_NOT_FOUND', async () => {
    const atHand = { loaded: true } as never;
    expect(await chooseBundle(config(), atHand, paths(), stateDir())).toMatchObject({ installed: null, loaded: atHand });
    await expect(chooseBundle(config(), null, paths(), stateDir())).rejects.toMatchObject({ code: 'MANIFEST_NOT_FOUND' });
  });

  it('seeds the shipped bundle when nothing is installed or it is newer, never over a newer installed one', async () => {
    const shipped = join(await source('1.5.0'), 'bundle.json');
    expect(await chooseBundle(config({ seedBundle: shipped }), null, paths(), stateDir())).toMatchObject({ installed: '1.5.0' });
    await install(['2.0.0'], '1.5.0');
    expect(await chooseBundle(config({ seedBundle: shipped }), null, paths(), stateDir())).toMatchObject({ installed: '2.0.0' });
    const newer = join(await source('2.1.0'), 'bundle.json');
    expect(await chooseBundle(config({ seedBundle: newer }), null, paths(), stateDir())).toMatchObject({ installed: '2.1.0' });
    expect((await readCurrent(paths())).kind === 'ok' && (await listVersions(paths())).current).toEqual({ version: '2.1.0', previous: '2.0.0', knownGood: '1.5.0' });
  });
});

describe('use, rollback, remove (no supervisor running)', () => {
  it('switches current.json, keeps the previous one for rollback, and never removes the current or known-good version', async () => {
    await install(['1.0.0', '2.0.0', '3.0.0'], '1.0.0');
    expect(await useVersion(paths(), '2.0.0')).toEqual({ version: '2.0.0', previous: '3.0.0', knownGood: '1.0.0' });
    expect(await previousVersion(paths())).toBe('3.0.0');
    await expect(removeVersion(paths(), '2.0.0')).rejects.toMatchObject({ code: 'BUNDLE_INVALID', message: expect.stringContaining('is the current one') });
    await expect(removeVersion(paths(), '1.0.0')).rejects.toMatchObject({ code: 'BUNDLE_INVALID', message: expect.stringContaining('known-good') });
    await expect(useVersion(paths(), '9.9.9')).rejects.toMatchObject({ code: 'BUNDLE_NOT_INSTALLED' });
    await removeVersion(paths(), '3.0.0');
    expect((await listVersions(paths())).versions.map((entry) => entry.version)).toEqual(['1.0.0', '2.0.0']);
    expect(JSON.parse(await readFile(paths().current, 'utf8'))).toEqual({ version: '2.0.0', previous: null, knownGood: '1.0.0' });
  });

  it('lists versions in semver order, marking current, previous and known-good', async () => {
    await install(['1.10.0', '1.9.0', '1.2.0'], '1.9.0');
    expect((await listVersions(paths())).versions).toEqual([
      { version: '1.2.0', current: true, previous: false, knownGood: false },
      { version: '1.9.0', current: false, previous: true, knownGood: true },
      { version: '1.10.0', current: false, previous: false, knownGood: false },
    ]);
  });
});
