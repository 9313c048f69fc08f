import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../errors.ts';
import { isLoopbackHost, resolveControlAccess } from './control-access.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-access-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const KEY = 'k3y-of-the-operator-0123456789';
const server = { profile: 'server' as const, apiKeyFile: undefined };

describe('resolveControlAccess', () => {
  it('loopback by default, no key needed; BERTH_API_KEY is still accepted there', async () => {
    expect(await resolveControlAccess({ ...server, controlHost: undefined }, {})).toEqual({ host: '127.0.0.1', apiKey: null });
    expect(await resolveControlAccess({ ...server, controlHost: 'localhost' }, { BERTH_API_KEY: KEY })).toEqual({ host: '127.0.0.1', apiKey: KEY });
    expect(await resolveControlAccess({ ...server, controlHost: '[::1]' }, {})).toEqual({ host: '::1', apiKey: null });
  });

  it('refuses an address beyond loopback without a key (exit 2), never starting anything', async () => {
    const error = await resolveControlAccess({ ...server, controlHost: '0.0.0.0' }, {}).catch((caught: unknown) => caught);
    expect(String(error)).toMatch(/--control-host 0\.0\.0\.0: a control API beyond loopback needs an API key: set BERTH_API_KEY or pass --api-key-file/);
    expect(exitCodeFor(error)).toBe(2);
  });

  it('takes the key from --api-key-file (one line) over BERTH_API_KEY', async () => {
    const file = join(dir, 'key');
    await writeFile(file, `${KEY}\n`);
    expect(await resolveControlAccess({ profile: 'server', controlHost: '::', apiKeyFile: file }, { BERTH_API_KEY: 'other-key-0123456789' })).toEqual({ host: '::', apiKey: KEY });
    expect(await resolveControlAccess({ ...server, controlHost: '0.0.0.0' }, { BERTH_API_KEY: KEY })).toEqual({ host: '0.0.0.0', apiKey: KEY });
  });

  it.each([
    ['a short key', { ...server, controlHost: '0.0.0.0' }, { BERTH_API_KEY: 'short' }, /shorter than 16 characters/],
    ['a key with a space', { ...server, controlHost: '0.0.0.0' }, { BERTH_API_KEY: 'has a space in it, long enough' }, /may hold only/],
    ['a host name', { ...server, controlHost: 'example.com' }, { BERTH_API_KEY: KEY }, /"example\.com" is not an IP address/],
    ['the desktop profile beyond loopback', { profile: 'desktop' as const, apiKeyFile: undefined, controlHost: '0.0.0.0' }, { BERTH_API_KEY: KEY }, /desktop profile's control API listens on loopback only/],
    ['a missing key file', { profile: 'server' as const, controlHost: '0.0.0.0', apiKeyFile: '/nonexistent/key' }, {}, /--api-key-file \/nonexistent\/key: cannot read it \(ENOENT\)/],
  ])('refuses %s (exit 2) without naming the key', async (_label, config, env, message) => {
    const error = await resolveControlAccess(config, env).catch((caught: unknown) => caught);
    expect(String(error)).toMatch(message);
    expect(String(error)).not.toContain(KEY);
    expect(exitCodeFor(error)).toBe(2);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', '128.0.0.1'].some(isLoopbackHost)).toBe(false);
  });
});
