// The dashboard as the supervisor serves it: static files with a strict CSP, no way out of
// dist/renderer, the Jupyter-style cookie login, and the session cookie honoured only on
// same-origin requests.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../supervisor/src/control/contract.ts';
import { startControlServer, type ControlServer } from '../supervisor/src/control/index.ts';
import { silentLogger } from '../supervisor/src/logging/logger.ts';
import { createFakeRuntime, type FakeRuntime } from './helpers/control-fake-runtime.ts';
import { rawRequest } from './helpers/control-http.ts';

let root: string;
let runtime: FakeRuntime;
let server: ControlServer;
let cookie: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'berth-dashboard-'));
  const dist = join(root, 'renderer');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>Berth</title>');
  await writeFile(join(dist, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dist, 'assets', 'app.css'), 'body{}');
  await writeFile(join(dist, 'favicon.svg'), '<svg/>');
  await writeFile(join(root, 'secret.txt'), 'TOP-SECRET');
  await symlink(join(root, 'secret.txt'), join(dist, 'assets', 'link.js'));
  runtime = createFakeRuntime();
  server = await startControlServer({ runtime, logger: silentLogger, port: 0, dashboardDir: dist });
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

const page = (path: string, headers: Record<string, string> = {}) => rawRequest(server.port, { path, headers });

describe('dashboard files', () => {
  it('serves / and assets with the right types and security headers', async () => {
    for (const [path, type] of [['/', 'text/html'], ['/index.html', 'text/html'], ['/assets/app.js', 'text/javascript'], ['/assets/app.css', 'text/css'], ['/favicon.svg', 'image/svg+xml']] as const) {
      const reply = await page(path);
      expect(reply.status, path).toBe(200);
      expect(reply.headers['content-type']).toContain(type);
      expect(reply.headers['content-security-policy']).toBe("default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
      expect(Object.keys(reply.headers).some((name) => name.startsWith('access-control-'))).toBe(false);
    }
  });

  it.each(['/assets/missing.js', '/assets/link.js', '/assets/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/.%2e/secret.txt', '/assets', '/assets/'])(
    'never serves %s',
    async (path) => {
      const reply = await page(path);
      expect([401, 403, 404]).toContain(reply.status);
      expect(reply.text).not.toContain('TOP-SECRET');
    },
  );

  it('still refuses a foreign Host for the page', async () => {
    const reply = await page('/', { host: `evil.example:${server.port}` });
    expect(reply.status).toBe(403);
  });
});

describe('cookie login', () => {
  it('offers a login URL', () => {
    expect(server.loginUrl).toBe(`${server.url}/?token=${server.token}`);
  });

  it('sets a separate HttpOnly SameSite=Strict session and drops the token from the address bar', async () => {
    const reply = await page(`/?token=${server.token}`);
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/');
    const setCookie = reply.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/^berth_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(setCookie).not.toContain(server.token);
    cookie = setCookie.split(';')[0] ?? '';
  });

  it('loads the page without a session for a wrong token', async () => {
    const reply = await page('/?token=wrong');
    expect(reply.status).toBe(200);
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it.each([
    ['same-origin fetch metadata', () => ({ 'sec-fetch-site': 'same-origin' })],
    ['no fetch metadata and no Origin', () => ({})],
    ['no fetch metadata and our own Origin', () => ({ origin: `http://127.0.0.1:${server.port}` })],
  ])('accepts the cookie on %s', async (_name, headers) => {
    const reply = await page('/status', { cookie, ...headers() });
    expect(reply.status).toBe(200);
  });

  it.each([
    ['cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['same-site (another localhost port)', { 'sec-fetch-site': 'same-site' }],
    ['a typed-in URL', { 'sec-fetch-site': 'none' }],
    ['a foreign Origin', { origin: 'http://evil.example' }],
    ['another loopback origin', { origin: 'http://127.0.0.1:1' }],
  ])('refuses the cookie from %s with 403 and changes nothing', async (_name, headers) => {
    const reply = await rawRequest(server.port, { method: 'POST', path: '/services/api/stop', headers: { cookie, ...headers } });
    expect(reply.status).toBe(403);
    expect(ErrorBody.parse(reply.json()).error.code).toBe('FORBIDDEN');
    expect(runtime.calls).toEqual([]);
  });

  it('refuses a forged session with 401', async () => {
    const reply = await page('/status', { cookie: 'berth_session=forged', 'sec-fetch-site': 'same-origin' });
    expect(reply.status).toBe(401);
  });

  it('opens /events with the cookie from the page', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/events`, { headers: { cookie, 'sec-fetch-site': 'same-origin' }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    controller.abort();
  });
});
