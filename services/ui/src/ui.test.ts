// The UI server as a real process: static files, the /api proxy in front of a real API, the
// browser protections, and READY on stdout.
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import getPort from 'get-port';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ProcessTracker } from '../../testing/processes.ts';
import { buildToTemp, makeTempDir, requestJson, runMigrate, startApi, startSqlite, startUi } from '../../testing/stack.ts';
import type { ServiceProcess } from '../../testing/processes.ts';

const shared = new ProcessTracker();
const perTest = new ProcessTracker();
let build: Awaited<ReturnType<typeof buildToTemp>>;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let ui: { process: ServiceProcess; url: string };

/** A request with exactly these headers and this raw path (fetch would normalise both). */
const raw = (path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const url = new URL(ui.url);
    const outgoing = httpRequest({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers ?? {} }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });

beforeAll(async () => {
  build = await buildToTemp();
  temp = await makeTempDir('ui');
  const db = await startSqlite(shared, build.dir, join(temp.dir, 'notes.db'));
  expect((await runMigrate(build.dir, db.url)).code).toBe(0);
  const api = await startApi(shared, build.dir, db.url);
  ui = await startUi(shared, build.dir, api.url);
});
afterAll(async () => {
  await shared.stopAll();
  await temp?.remove();
  await build?.remove();
});
afterEach(async () => {
  await perTest.stopAll();
});

describe('start-up', () => {
  test('prints exactly one line with READY, naming its URL', () => {
    const lines = ui.process.output().split('\n').filter((line) => line.includes('READY'));
    expect(lines).toEqual([`READY ${ui.url}`]);
  });

  test('a missing API_URL stops it with exit 2', async () => {
    const bad = perTest.start(join(build.dir, 'ui.mjs'), { PORT: String(await getPort()) });
    expect((await bad.exited).code).toBe(2);
    expect(bad.output()).toContain('API_URL');
    expect(bad.output()).not.toContain('READY');
  });
});

describe('static files', () => {
  test('/ is the app, with a strict CSP and an ETag that revalidates to 304', async () => {
    const page = await fetch(`${ui.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    expect(html).toContain('<title>Notes</title>');
    expect(html).toContain('Search notes');
    const etag = page.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await fetch(`${ui.url}/`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  test.each([
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/styles.css', 'text/css; charset=utf-8'],
    ['/favicon.svg', 'image/svg+xml'],
  ])('%s is served as %s', async (path, type) => {
    const answer = await fetch(`${ui.url}${path}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(type);
    expect((await answer.arrayBuffer()).byteLength).toBeGreaterThan(100);
  });

  test.each(['/../../../etc/passwd', '/..%2f..%2fpackage.json', '/%2e%2e/ui.mjs', '/nope.html', '/index.html/'])('%s is 404', async (path) => {
    const answer = await raw(path);
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain('root:');
  });

  test('writes to a page are 405', async () => {
    const answer = await raw('/', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });
});

describe('API proxy', () => {
  test('forwards requests and answers both ways, errors included', async () => {
    const created = await requestJson(`${ui.url}/api/notes`, { method: 'POST', body: { title: 'Through the proxy', body: 'hello' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/notes/${created.json.id}`);
    const listed = await requestJson(`${ui.url}/api/notes?q=${encodeURIComponent('through the')}`);
    expect(listed.json.items.map((note: { id: number }) => note.id)).toContain(created.json.id);
    const updated = await requestJson(`${ui.url}/api/notes/${created.json.id}`, { method: 'PUT', body: { title: 'Renamed', body: 'hi' } });
    expect(updated.json.title).toBe('Renamed');
    const invalid = await requestJson(`${ui.url}/api/notes`, { method: 'POST', body: { title: '' } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.code).toBe('VALIDATION_FAILED');
    expect((await requestJson(`${ui.url}/api/notes/${created.json.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  test('an API that cannot be reached is 502 API_UNAVAILABLE', async () => {
    const orphan = await startUi(perTest, build.dir, `http://127.0.0.1:${await getPort()}`);
    const answer = await requestJson(`${orphan.url}/api/notes`);
    expect(answer.status).toBe(502);
    expect(answer.json.error.code).toBe('API_UNAVAILABLE');
    // The page itself is still served, so the app can say what is wrong.
    expect((await fetch(`${orphan.url}/`)).status).toBe(200);
  });
});

describe('browser protections', () => {
  test('a Host that is not this machine is refused (DNS rebinding)', async () => {
    const answer = await raw('/api/notes', { headers: { host: 'evil.example:80' } });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error.code).toBe('FORBIDDEN');
    expect((await raw('/', { headers: { host: `localhost:${new URL(ui.url).port}` } })).status).toBe(200);
  });

  test('a write from another origin is refused; one from the app itself passes', async () => {
    const host = new URL(ui.url).host;
    const body = JSON.stringify({ title: 'csrf' });
    const foreign = await raw('/api/notes', { method: 'POST', headers: { host, origin: 'http://evil.example', 'content-type': 'application/json' }, body });
    expect(foreign.status).toBe(403);
    const own = await raw('/api/notes', { method: 'POST', headers: { host, origin: ui.url, 'content-type': 'application/json' }, body });
    expect(own.status).toBe(201);
  });
});
