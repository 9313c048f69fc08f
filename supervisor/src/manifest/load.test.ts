import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitCodeFor, isBerthError } from '../errors.ts';
import { loadManifest } from './index.ts';
import { designExample, editedExample } from './test-helpers.ts';

describe('loadManifest', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-manifest-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads a valid file and records its folder', async () => {
    const path = join(dir, 'bundle.json');
    await writeFile(path, JSON.stringify(designExample()));
    const loaded = await loadManifest(path);
    expect(loaded).toMatchObject({ path, bundleDir: dir });
    expect(Object.keys(loaded.manifest.services)).toEqual(['db', 'migrate', 'api', 'ui']);
  });

  it('refuses a missing file with MANIFEST_NOT_FOUND naming the path', async () => {
    const path = join(dir, 'nope.json');
    await expect(loadManifest(path)).rejects.toSatisfy((error) => isBerthError(error, 'MANIFEST_NOT_FOUND') && error.message.includes(path) && exitCodeFor(error) === 2);
  });

  it('refuses a directory with MANIFEST_NOT_FOUND', async () => {
    await expect(loadManifest(dir)).rejects.toSatisfy((error) => isBerthError(error, 'MANIFEST_NOT_FOUND') && error.message.includes('directory'));
  });

  it('refuses an invalid file with MANIFEST_INVALID listing "path: message" lines', async () => {
    const path = join(dir, 'bundle.json');
    await writeFile(path, editedExample([['services.api.dependsOn.dbb', 'ready']]));
    await expect(loadManifest(path)).rejects.toSatisfy(
      (error) => isBerthError(error, 'MANIFEST_INVALID') && error.message.startsWith(path) && error.details[0] === 'services.api.dependsOn.dbb: unknown service "dbb" — did you mean "db"?',
    );
  });
});
