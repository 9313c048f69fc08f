// SecretStore against a real state dir: generated secrets persisted 0600 and reused, env and
// prompt sources, file injection (0600 in 0700 folders) removed by cleanup, submit rules.
import { lstat, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBerthError } from '../supervisor/src/errors.ts';
import { SecretSpec, ServiceSpec } from '../supervisor/src/manifest/schema.ts';
import { SecretStore } from '../supervisor/src/secrets/index.ts';

let stateDir: string;
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'berth-secrets-'));
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

const secrets = {
  DB_TOKEN: SecretSpec.parse({ generate: 32 }),
  FROM_ENV: SecretSpec.parse({ env: 'MY_FROM_ENV' }),
  API_KEY: SecretSpec.parse({ prompt: 'API key' }),
  OPTIONAL: SecretSpec.parse({ prompt: 'Optional', required: false }),
};
const service = (map: Record<string, 'env' | 'file'>) => ServiceSpec.parse({ command: ['x'], secrets: map });
const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('SecretStore', () => {
  it('generates a secret once, 0600 in a 0700 folder, and reuses it next start', async () => {
    const first = await SecretStore.open({ secrets, stateDir, env: {} });
    const path = join(stateDir, 'secrets', 'generated', 'DB_TOKEN');
    const value = await readFile(path, 'utf8');
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await mode(path)).toBe(0o600);
    expect(await mode(join(stateDir, 'secrets'))).toBe(0o700);
    expect(await mode(join(stateDir, 'secrets', 'generated'))).toBe(0o700);
    expect(first.has('DB_TOKEN')).toBe(true);
    const second = await SecretStore.open({ secrets, stateDir, env: {} });
    const { env } = await second.materialize('db', service({ DB_TOKEN: 'env' }));
    expect(env).toEqual({ DB_TOKEN: value });
  });

  it('reads env secrets from the supervisor environment and reports missing required ones', async () => {
    const without = await SecretStore.open({ secrets, stateDir, env: {} });
    expect(without.missingFor(service({ FROM_ENV: 'env', API_KEY: 'file', OPTIONAL: 'env', DB_TOKEN: 'env' }))).toEqual(['API_KEY', 'FROM_ENV']);
    const withEnv = await SecretStore.open({ secrets, stateDir, env: { MY_FROM_ENV: 'from-the-env', BERTH_SECRET_API_KEY: 'prefilled' } });
    expect(withEnv.missingFor(service({ FROM_ENV: 'env', API_KEY: 'file' }))).toEqual([]);
    expect(withEnv.inheritedEnvToStrip({ MY_FROM_ENV: 'x', BERTH_SECRET_API_KEY: 'y', PATH: '/bin' })).toEqual(['BERTH_SECRET_API_KEY', 'MY_FROM_ENV']);
  });

  it('refuses to materialize a service whose required secrets are missing', async () => {
    const store = await SecretStore.open({ secrets, stateDir, env: {} });
    const error: unknown = await store.materialize('api', service({ API_KEY: 'env' })).catch((caught: unknown) => caught);
    expect(isBerthError(error, 'SECRET_MISSING')).toBe(true);
  });

  it('writes file secrets 0600 in 0700 folders, sets NAME_FILE, skips optional ones, and cleans up', async () => {
    const store = await SecretStore.open({ secrets, stateDir, env: {} });
    store.submit({ API_KEY: 'sk-live-abcdef' });
    const { env } = await store.materialize('api', service({ API_KEY: 'file', DB_TOKEN: 'env', OPTIONAL: 'file' }));
    const file = join(stateDir, 'secrets', 'run', 'api', 'API_KEY');
    expect(env.API_KEY_FILE).toBe(file);
    expect(env.API_KEY).toBeUndefined();
    expect(env.OPTIONAL_FILE).toBeUndefined();
    expect(Object.keys(env).sort()).toEqual(['API_KEY_FILE', 'DB_TOKEN']);
    expect(await readFile(file, 'utf8')).toBe('sk-live-abcdef');
    expect(await mode(file)).toBe(0o600);
    for (const dir of ['secrets', 'secrets/run', 'secrets/run/api']) expect(await mode(join(stateDir, dir))).toBe(0o700);
    await store.cleanup();
    await expect(lstat(join(stateDir, 'secrets', 'run'))).rejects.toThrow(/ENOENT/);
    expect(await readdir(join(stateDir, 'secrets', 'generated'))).toEqual(['DB_TOKEN']);
  });

  it('removes injected files left over by a crashed run when it opens', async () => {
    const crashed = await SecretStore.open({ secrets, stateDir, env: { BERTH_SECRET_API_KEY: 'left-over-value' } });
    await crashed.materialize('api', service({ API_KEY: 'file' }));
    await SecretStore.open({ secrets, stateDir, env: {} });
    await expect(lstat(join(stateDir, 'secrets', 'run'))).rejects.toThrow(/ENOENT/);
  });

  it('accepts only declared prompt secrets, all or nothing, and tells listeners', async () => {
    const store = await SecretStore.open({ secrets, stateDir, env: {} });
    const heard: string[][] = [];
    store.onChange((names) => heard.push([...names]));
    for (const [values, field] of [
      [{ NOPE: 'value-1234' }, 'NOPE'],
      [{ DB_TOKEN: 'value-1234' }, 'DB_TOKEN'],
      [{ FROM_ENV: 'value-1234' }, 'FROM_ENV'],
      [{ API_KEY: 'abc' }, 'API_KEY'],
      [{ API_KEY: 'good-value', NOPE: 'value-1234' }, 'NOPE'],
    ] as const) {
      let error: unknown;
      try {
        store.submit(values);
      } catch (caught) {
        error = caught;
      }
      expect(isBerthError(error, 'SECRET_INVALID')).toBe(true);
      expect((error as Error).message).toContain(field);
      expect((error as Error).message).not.toContain('value-1234');
    }
    expect(store.has('API_KEY')).toBe(false);
    expect(heard).toEqual([]);
    expect(store.submit({ OPTIONAL: 'opt-value', API_KEY: 'sk-1234' })).toEqual(['API_KEY', 'OPTIONAL']);
    expect(heard).toEqual([['API_KEY', 'OPTIONAL']]);
    expect(store.redactor.redact('key=sk-1234 opt=opt-value')).toBe('key=****** opt=******');
  });

  it('redacts generated and env values from the start', async () => {
    const store = await SecretStore.open({ secrets, stateDir, env: { MY_FROM_ENV: 'env-secret-value' } });
    const generated = await readFile(join(stateDir, 'secrets', 'generated', 'DB_TOKEN'), 'utf8');
    expect(store.redactor.redact(`token ${generated} and env-secret-value`)).toBe('token ****** and ******');
  });
});
