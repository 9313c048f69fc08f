// The control API bound beyond loopback (issue 19), on a real socket: the API key is a second
// bearer token, the per-run token still works, everything else is 401, and the Host check accepts
// this machine's own addresses but never a foreign name. Traffic goes to 127.0.0.1 only.
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { useFakeControlServer } from './helpers/control-fake-runtime.ts';
import { rawRequest } from './helpers/control-http.ts';

const KEY = 'operator-key-0123456789abcdef';
const fake = useFakeControlServer({ host: '0.0.0.0', apiKey: KEY });

describe('control API on 0.0.0.0 with an API key', () => {
  it('tells local clients to use loopback', () => {
    expect(fake.server.url).toBe(`http://127.0.0.1:${fake.server.port}`);
  });

  it.each([
    ['the API key', KEY, 200],
    ['the per-run token', 'TOKEN', 200],
    ['no credentials', undefined, 401],
    ['a wrong key', `${KEY.slice(0, -1)}x`, 401],
  ])('%s → %i', async (_label, credential, status) => {
    const reply = await rawRequest(fake.server.port, { path: '/status', ...(credential === undefined ? {} : { token: credential === 'TOKEN' ? fake.server.token : credential }) });
    expect(reply.status).toBe(status);
  });

  it("accepts this machine's addresses in Host, never a foreign name", async () => {
    const own = Object.values(networkInterfaces()).flatMap((list) => list ?? []).filter((entry) => entry.family === 'IPv4' && !entry.internal);
    for (const entry of own) expect((await rawRequest(fake.server.port, { path: '/status', token: KEY, headers: { host: `${entry.address}:${fake.server.port}` } })).status).toBe(200);
    expect((await rawRequest(fake.server.port, { path: '/status', token: KEY, headers: { host: `evil.example:${fake.server.port}` } })).status).toBe(403);
    expect((await rawRequest(fake.server.port, { path: '/status', token: KEY, headers: { host: `127.0.0.1:${fake.server.port + 1}` } })).status).toBe(403);
  });
});
