import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BerthError, exitCodeFor } from '../errors.ts';
import { readEnvFile, readEnvFiles } from './env-file.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-envfile-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('readEnvFile', () => {
  it("reads values with Node's own parser (quotes, multi-line, comments, export)", async () => {
    const path = await file('a.env', 'export A=1\nB="two words"\nC="line1\nline2"\nD=x # comment\nE=\'$NOT_EXPANDED\'\n');
    expect((await readEnvFile(path, 'a.env')).values).toEqual({ A: '1', B: 'two words', C: 'line1\nline2', D: 'x', E: '$NOT_EXPANDED' });
  });

  it('names the file and line of a syntax error, never a value, and is an input error (exit 2)', async () => {
    const path = await file('bad.env', 'TOKEN=s3cr3t-value\nNOT AN ASSIGNMENT\n');
    const error = await readEnvFile(path, 'bad.env').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('ENV_FILE_INVALID');
    expect((error as BerthError).message).toBe('--env-file bad.env:2: expected NAME=value');
    expect(exitCodeFor(error)).toBe(2);
  });

  it('says why a file cannot be read', async () => {
    await expect(readEnvFile(join(dir, 'missing.env'), 'missing.env')).rejects.toThrow('--env-file missing.env: cannot read it (ENOENT)');
    if (process.getuid?.() !== 0) {
      const path = await file('locked.env', 'A=1');
      await chmod(path, 0o000);
      await expect(readEnvFile(path, 'locked.env')).rejects.toThrow(/EACCES/);
    }
  });

  it('keeps the order of several files', async () => {
    const files = await readEnvFiles([{ path: await file('1.env', 'A=1\nB=1'), label: '1.env' }, { path: await file('2.env', 'B=2'), label: '2.env' }]);
    expect(files.map((one) => one.label)).toEqual(['1.env', '2.env']);
  });
});
