import { describe, expect, it } from 'vitest';
import type { BerthError } from '../errors.ts';
import { ServiceSpec, type BundleManifest } from '../manifest/schema.ts';
import { findMissingEnv, requireEnv } from './required-env.ts';
import type { EnvFile } from './env-file.ts';
import { composeServiceEnv, isInherited } from './service-env.ts';

const SHELL = { PATH: '/usr/bin', HOME: '/home/me', LANG: 'C.UTF-8', LC_ALL: 'C', TZ: 'UTC', TMPDIR: '/tmp', CI_TOKEN: 'leak', NODE_OPTIONS: '--inspect', BERTH_API_KEY: 'k'.repeat(20), DATABASE_URL: 'from-shell' };
const FILES: EnvFile[] = [
  { label: 'a.env', values: { DATABASE_URL: 'postgres://a', LOG_LEVEL: 'info' } },
  { label: 'b.env', values: { LOG_LEVEL: 'debug' } },
];

describe('composeServiceEnv', () => {
  it('server: only the allowlist (and --inherit-env) of the supervisor, env files merged, later wins', () => {
    const env = composeServiceEnv({ profile: 'server', supervisorEnv: SHELL, envFiles: FILES, inherit: ['NODE_OPTIONS'], platform: 'linux' });
    expect(env.inherited).toEqual({ PATH: '/usr/bin', HOME: '/home/me', LANG: 'C.UTF-8', LC_ALL: 'C', TZ: 'UTC', TMPDIR: '/tmp', NODE_OPTIONS: '--inspect' });
    expect(env.overrides).toEqual({ DATABASE_URL: 'postgres://a', LOG_LEVEL: 'debug' });
    expect([...env.withheld].sort()).toEqual(['CI_TOKEN', 'DATABASE_URL']);
    expect(env.secretSource.DATABASE_URL).toBe('postgres://a');
  });

  it('other profiles: all of the supervisor environment but the API key', () => {
    const env = composeServiceEnv({ profile: 'headless', supervisorEnv: SHELL, envFiles: [], inherit: [], platform: 'linux' });
    expect(env.inherited).toEqual(Object.fromEntries(Object.entries(SHELL).filter(([name]) => name !== 'BERTH_API_KEY')));
    expect(env.withheld.size).toBe(0);
  });

  it('Windows: the variables programs need to start, names compared case-insensitively', () => {
    expect(isInherited('SystemRoot', [], 'win32')).toBe(true);
    expect(isInherited('Path', [], 'win32')).toBe(true);
    expect(isInherited('SystemRoot', [], 'linux')).toBe(false);
    expect(isInherited('my_var', ['MY_VAR'], 'win32')).toBe(true);
  });
});

function manifest(services: Record<string, Record<string, unknown>>): BundleManifest {
  return { services: Object.fromEntries(Object.entries(services).map(([name, fields]) => [name, ServiceSpec.parse({ command: ['x'], ...fields })])) } as unknown as BundleManifest;
}

describe('findMissingEnv', () => {
  const bundle = manifest({
    api: { requiredEnv: ['DATABASE_URL', 'API_SECRET', 'EMPTY', 'OWN', 'TOKEN', 'CERT_FILE'], env: { OWN: 'x', EMPTY: '' }, secrets: { TOKEN: 'env', CERT: 'file' } },
    worker: { requiredEnv: ['QUEUE', 'LANG'] },
  });

  it('lists every missing or empty name of every service, where it looked, with a hint for a withheld one', () => {
    const env = composeServiceEnv({ profile: 'server', supervisorEnv: { ...SHELL, QUEUE: 'q' }, envFiles: [FILES[1] ?? { label: '', values: {} }], inherit: [], platform: 'linux' });
    expect(findMissingEnv(bundle, env, 'linux')).toEqual([
      'services.api.requiredEnv: DATABASE_URL is not set (looked in: bundle env, --env-file b.env); the supervisor\'s own environment has it, but the server profile passes on only PATH, HOME, LANG, TZ, TMPDIR and LC_*: add --inherit-env DATABASE_URL',
      'services.api.requiredEnv: API_SECRET is not set (looked in: bundle env, --env-file b.env)',
      'services.api.requiredEnv: EMPTY is empty (looked in: bundle env, --env-file b.env)',
      'services.worker.requiredEnv: QUEUE is not set (looked in: bundle env, --env-file b.env); the supervisor\'s own environment has it, but the server profile passes on only PATH, HOME, LANG, TZ, TMPDIR and LC_*: add --inherit-env QUEUE',
    ]);
  });

  it('headless looks in the supervisor environment too; an env file fills a gap', () => {
    const env = composeServiceEnv({ profile: 'headless', supervisorEnv: { API_SECRET: 'x', QUEUE: '' }, envFiles: FILES, inherit: [], platform: 'linux' });
    expect(findMissingEnv(bundle, env, 'linux')).toEqual([
      "services.api.requiredEnv: EMPTY is empty (looked in: bundle env, --env-file a.env, --env-file b.env, the supervisor's environment)",
      "services.worker.requiredEnv: QUEUE is empty (looked in: bundle env, --env-file a.env, --env-file b.env, the supervisor's environment)",
      "services.worker.requiredEnv: LANG is not set (looked in: bundle env, --env-file a.env, --env-file b.env, the supervisor's environment)",
    ]);
  });

  it('requireEnv throws ENV_MISSING with the list as details, never a value', () => {
    const env = composeServiceEnv({ profile: 'server', supervisorEnv: SHELL, envFiles: [], inherit: [], platform: 'linux' });
    let caught: unknown;
    try {
      requireEnv(bundle, env, 'linux');
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'ENV_MISSING', message: '4 required environment variables are missing; nothing was started' });
    expect((caught as BerthError).details).toHaveLength(4);
    expect((caught as BerthError).details.join('\n')).not.toContain('from-shell');
    expect(() => requireEnv(manifest({ api: { requiredEnv: ['PATH'] } }), env, 'linux')).not.toThrow();
  });
});
