import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeJsonAtomic } from './atomic-write.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it.each([
    ['durable', {}],
    ['not durable', { durable: false }],
  ])('%s: replaces the file whole, with its mode, and leaves no temp file', async (_name, options) => {
    const path = join(dir, 'state.json');
    await writeFile(path, 'old contents that are longer than the new ones\n');
    await writeJsonAtomic(path, { a: 1 }, { mode: 0o600, ...options });
    expect(await readFile(path, 'utf8')).toBe('{\n  "a": 1\n}\n');
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('removes its temp file when the rename fails, and reports the failure', async () => {
    const target = join(dir, 'target');
    await mkdir(target); // a file cannot be renamed over a folder
    await writeFile(join(target, 'inside'), 'kept');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['target']);
    expect(await readFile(join(target, 'inside'), 'utf8')).toBe('kept');
  });
});
