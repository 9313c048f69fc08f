import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers.ts';
import { createSecretStore } from './store.ts';

/** A reversible stand-in for safeStorage (XOR + marker), like the OS keychain-backed one. */
const fakeSafeStorage = (available = true) => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain: string) => Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]),
  decryptString: (encrypted: Buffer) => {
    if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('bad ciphertext');
    return Buffer.from(encrypted.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
  },
});

const temps: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const remove of temps.splice(0)) await remove();
});
const tempDir = async () => {
  const temp = await makeTempDir('secrets');
  temps.push(temp.remove);
  return temp.dir;
};

describe('SecretStore', () => {
  it('round-trips values through safeStorage into a 0600 file without plaintext', async () => {
    const dir = await tempDir();
    const store = createSecretStore({ dir, safeStorage: fakeSafeStorage() });
    await store.save({ OPENAI_API_KEY: 'sk-very-secret' });
    await store.save({ OTHER: 'two' });
    const again = createSecretStore({ dir, safeStorage: fakeSafeStorage() });
    await expect(again.load()).resolves.toEqual({ OPENAI_API_KEY: 'sk-very-secret', OTHER: 'two' });
    const file = path.join(dir, 'secrets.enc');
    expect(await readFile(file, 'utf8')).not.toContain('sk-very-secret');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('starts empty and ignores a corrupt file', async () => {
    const dir = await tempDir();
    const warnings: string[] = [];
    const store = createSecretStore({ dir, safeStorage: fakeSafeStorage(), warn: (m) => warnings.push(m) });
    await expect(store.load()).resolves.toEqual({});
    await writeFile(path.join(dir, 'secrets.enc'), '{torn');
    await expect(store.load()).resolves.toEqual({});
    expect(warnings).toHaveLength(1);
  });

  it('skips values it cannot decrypt (keychain reset) without logging them', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'secrets.enc'), JSON.stringify({ version: 1, values: { A: Buffer.from('garbage').toString('base64') } }));
    const warnings: string[] = [];
    await expect(createSecretStore({ dir, safeStorage: fakeSafeStorage(), warn: (m) => warnings.push(m) }).load()).resolves.toEqual({});
    expect(warnings[0]).toContain('A could not be decrypted');
  });

  it('refuses to persist without OS encryption', async () => {
    const dir = await tempDir();
    const store = createSecretStore({ dir, safeStorage: fakeSafeStorage(false) });
    expect(store.available()).toBe(false);
    await expect(store.save({ A: 'b' })).rejects.toMatchObject({ code: 'SECRETS_UNAVAILABLE' });
    await expect(store.load()).resolves.toEqual({});
  });
});
