// Installing bundle versions into a real state dir: a folder and a .tgz go in by one rename; every
// way in which a bundle is bad (an invalid manifest, a missing file, another app, a version already
// there, an archive whose entries would leave the bundle) is refused with nothing changed.
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryProblem } from './bundle-archive.ts';
import { bundlePaths } from './bundle-paths.ts';
import { listVersions } from './catalog.ts';
import { installBundle } from './install-bundle.ts';

let root = '';
const stateDir = () => join(root, 'state');
const paths = () => bundlePaths(stateDir());

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'berth-install-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A small bundle folder: one service running a file of the bundle. */
async function bundleDir(name: string, version: string, fields: { id?: string; file?: boolean } = {}): Promise<string> {
  const dir = join(root, name);
  await mkdir(join(dir, 'bin'), { recursive: true });
  if (fields.file !== false) await writeFile(join(dir, 'bin', 'web.mjs'), 'setInterval(() => {}, 1000);\n');
  const manifest = { schemaVersion: 1, app: { id: fields.id ?? 'dev.berth.test', name: 'T', version }, services: { web: { command: ['${node}', '${bundleDir}/bin/web.mjs'] } } };
  await writeFile(join(dir, 'bundle.json'), JSON.stringify(manifest));
  return dir;
}

/** What the state dir's bundles/ holds (scratch folders included). */
async function installed(): Promise<string[]> {
  return (await readdir(paths().bundles).catch(() => [])).sort();
}

describe('installBundle', () => {
  it('installs a folder as bundles/<version>/ (the .git folder left out)', async () => {
    const dir = await bundleDir('src', '1.2.3');
    await mkdir(join(dir, '.git'));
    await writeFile(join(dir, '.git', 'HEAD'), 'ref');
    const result = await installBundle(dir, { paths: paths(), stateDir: stateDir() });
    expect(result.version).toBe('1.2.3');
    expect(await installed()).toEqual(['1.2.3']);
    expect(await readFile(join(paths().bundles, '1.2.3', 'bin', 'web.mjs'), 'utf8')).toContain('setInterval');
    expect(await readdir(join(paths().bundles, '1.2.3'))).not.toContain('.git');
  });

  it('installs a .tgz whose files sit under one top folder', async () => {
    await bundleDir('notes-2.0.0', '2.0.0');
    const file = join(root, 'b.tgz');
    await create({ file, gzip: true, cwd: root }, ['notes-2.0.0']);
    expect((await installBundle(file, { paths: paths(), stateDir: stateDir() })).version).toBe('2.0.0');
    expect(await readdir(join(paths().bundles, '2.0.0'))).toEqual(expect.arrayContaining(['bundle.json', 'bin']));
    expect(await installed()).toEqual(['2.0.0']);
  });

  it.each([
    ['a file the manifest names is missing', { file: false }, /services\.web\.command\[1\]: file "bin\/web\.mjs" is missing from the bundle/],
    ['a bundle of another app', { id: 'dev.berth.other' }, /app\.id: this bundle is "dev\.berth\.other", the installed versions are "dev\.berth\.test"/],
  ])('refuses %s, leaving nothing behind', async (_label, fields, message) => {
    const dir = await bundleDir('src', '1.0.0', fields);
    await expect(installBundle(dir, { paths: paths(), stateDir: stateDir(), appId: 'dev.berth.test' })).rejects.toSatisfy((error: Error & { details?: string[] }) => message.test([error.message, ...(error.details ?? [])].join('\n')));
    expect(await installed()).toEqual([]);
  });

  it('refuses an invalid manifest with every problem by path (exit 2), and a version already installed', async () => {
    const dir = await bundleDir('src', '1.0.0');
    await installBundle(dir, { paths: paths(), stateDir: stateDir() });
    await expect(installBundle(dir, { paths: paths(), stateDir: stateDir() })).rejects.toMatchObject({ code: 'BUNDLE_INVALID', message: expect.stringContaining('1.0.0 is already installed') });
    await writeFile(join(dir, 'bundle.json'), JSON.stringify({ schemaVersion: 1, app: { id: 'dev.berth.test', name: 'T', version: '2.0.0' }, services: { web: { command: [] } } }));
    await expect(installBundle(dir, { paths: paths(), stateDir: stateDir() })).rejects.toMatchObject({ code: 'MANIFEST_INVALID', details: [expect.stringContaining('services.web.command')] });
    expect(await installed()).toEqual(['1.0.0']);
  });

  it('refuses a folder with a link that leaves it', async () => {
    const dir = await bundleDir('src', '1.0.0');
    await symlink('/etc/passwd', join(dir, 'bin', 'escape'));
    await expect(installBundle(dir, { paths: paths(), stateDir: stateDir() })).rejects.toMatchObject({ code: 'BUNDLE_INVALID', details: ['bin/escape: a link to /etc/passwd, outside the bundle'] });
    expect(await installed()).toEqual([]);
  });

  it('refuses a .tgz with a link out or a ".." entry before extracting anything', async () => {
    const dir = await bundleDir('src', '1.0.0');
    await symlink('../../outside', join(dir, 'bin', 'up'));
    const linked = join(root, 'linked.tgz');
    await create({ file: linked, gzip: true, cwd: dir }, ['bundle.json', 'bin']);
    await expect(installBundle(linked, { paths: paths(), stateDir: stateDir() })).rejects.toMatchObject({ code: 'BUNDLE_INVALID', details: ['bin/up: a link to ../../outside, outside the bundle'] });
    await writeFile(join(root, 'evil.txt'), 'x');
    const dotted = join(root, 'dotted.tgz');
    await create({ file: dotted, gzip: true, cwd: dir, preservePaths: true }, ['bundle.json', '../evil.txt']);
    await expect(installBundle(dotted, { paths: paths(), stateDir: stateDir() })).rejects.toMatchObject({ code: 'BUNDLE_INVALID', details: ['../evil.txt: a ".." part leaves the bundle'] });
    expect(await installed()).toEqual([]);
  });

  it('clears the scratch a crashed install left (an hour old), leaves a young one (another install may own it), and never counts either as a version', async () => {
    const stale = join(paths().bundles, '.incoming-deadbeef');
    await mkdir(join(stale, 'half'), { recursive: true });
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(stale, hourAgo, hourAgo);
    await mkdir(join(paths().bundles, '.download-young'), { recursive: true });
    await installBundle(await bundleDir('src', '1.0.0'), { paths: paths(), stateDir: stateDir() });
    expect(await installed()).toEqual(['.download-young', '1.0.0']);
    expect((await listVersions(paths())).versions.map((entry) => entry.version)).toEqual(['1.0.0']);
  });
});

describe('entryProblem (what an archive may not hold)', () => {
  it.each([
    ['bundle.json', 'File', undefined, null],
    ['top/bin/', 'Directory', undefined, null],
    ['/etc/cron.d/x', 'File', undefined, '/etc/cron.d/x: an absolute path'],
    ['C:/Windows/x', 'File', undefined, 'C:/Windows/x: an absolute path'],
    ['a/../../x', 'File', undefined, 'a/../../x: a ".." part leaves the bundle'],
    ['dev', 'CharacterDevice', undefined, 'dev: a CharacterDevice entry'],
    ['fifo', 'FIFO', undefined, 'fifo: a FIFO entry'],
    ['a/link', 'SymbolicLink', '../b', null],
    ['a/link', 'SymbolicLink', '../../b', 'a/link: a link to ../../b, outside the bundle'],
    ['link', 'SymbolicLink', '/etc/passwd', 'link: a link to the absolute path /etc/passwd'],
    ['hard', 'Link', 'a/b', null],
    ['hard', 'Link', '../b', 'hard: a link to ../b, outside the bundle'],
  ])('%s (%s → %s): %s', (path, type, linkpath, problem) => {
    expect(entryProblem(path, type, linkpath)).toBe(problem);
  });
});
