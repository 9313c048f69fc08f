// The update feed against real local HTTP servers: a newer version downloaded, verified and
// installed (not switched to); every way a feed fails (down, an HTTP error, junk, a wrong shape, a
// checksum mismatch) is a FEED_FAILED that names it, installs nothing and never shows the token;
// the token goes to the feed's origin only.
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundlePaths } from '../bundles/bundle-paths.ts';
import { BundleManifest } from '../manifest/schema.ts';
import { checkFeed } from './feed.ts';

const TOKEN = 'feed-token-0123456789abcdef';
let root = '';
let archive = Buffer.alloc(0);
const servers: Server[] = [];

/** Serves `routes` (path → status and body); records each request's headers. */
async function serve(routes: Record<string, (headers: IncomingHttpHeaders) => { status: number; body: string | Buffer }>): Promise<{ url: string; seen: Array<{ path: string; headers: IncomingHttpHeaders }> }> {
  const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    const route = routes[req.url ?? ''];
    const reply = route === undefined ? { status: 404, body: 'no' } : route(req.headers);
    res.writeHead(reply.status).end(reply.body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const authorised = (body: () => string | Buffer) => (headers: IncomingHttpHeaders) => (headers.authorization === `Bearer ${TOKEN}` ? { status: 200, body: body() } : { status: 401, body: 'who are you' });
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function manifest(feed: string) {
  return BundleManifest.parse({ schemaVersion: 1, app: { id: 'dev.berth.test', name: 'T', version: '1.0.0' }, secrets: { FEED_TOKEN: { env: 'X' } }, updates: { feed, secret: 'FEED_TOKEN' }, services: { web: { command: ['${node}', '-e', '0'] } } });
}

function check(feed: string, token = TOKEN) {
  const stateDir = join(root, 'state');
  return checkFeed({ manifest: manifest(feed), paths: bundlePaths(stateDir), stateDir, secret: (name) => (name === 'FEED_TOKEN' ? token : undefined), timeoutMs: 5_000 });
}

async function installed(): Promise<string[]> {
  return readdir(join(root, 'state', 'bundles')).catch(() => []);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'berth-feed-'));
  const dir = join(root, 'notes-2.0.0');
  await mkdir(dir);
  await writeFile(join(dir, 'bundle.json'), JSON.stringify({ schemaVersion: 1, app: { id: 'dev.berth.test', name: 'T', version: '2.0.0' }, services: { web: { command: ['${node}', '-e', '0'] } } }));
  await create({ file: join(root, 'b.tgz'), gzip: true, cwd: root }, ['notes-2.0.0']);
  archive = await readFile(join(root, 'b.tgz'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await rm(root, { recursive: true, force: true });
});

describe('checkFeed', () => {
  it('downloads, verifies and installs a newer version, sending the token to the feed', async () => {
    const feed = await serve({ '/feed.json': authorised(() => JSON.stringify({ version: '2.0.0', url: '/b.tgz', sha256: sha(archive) })), '/b.tgz': authorised(() => archive) });
    expect(await check(`${feed.url}/feed.json`)).toEqual({ available: '2.0.0' });
    expect(await installed()).toContain('2.0.0');
    expect(feed.seen.map((request) => request.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
    // Asked again: already installed, nothing downloaded.
    expect(await check(`${feed.url}/feed.json`)).toEqual({ available: '2.0.0' });
    expect(feed.seen).toHaveLength(3);
  });

  it('answers null when the feed offers nothing newer', async () => {
    const feed = await serve({ '/feed.json': authorised(() => JSON.stringify({ version: '1.0.0', url: '/b.tgz', sha256: sha(archive) })) });
    expect(await check(`${feed.url}/feed.json`)).toEqual({ available: null });
  });

  it('never sends the token to another origin the document points at', async () => {
    const elsewhere = await serve({ '/b.tgz': () => ({ status: 200, body: archive }) });
    const feed = await serve({ '/feed.json': authorised(() => JSON.stringify({ version: '2.0.0', url: `${elsewhere.url}/b.tgz`, sha256: sha(archive) })) });
    expect(await check(`${feed.url}/feed.json`)).toEqual({ available: '2.0.0' });
    expect(elsewhere.seen[0]?.headers.authorization).toBeUndefined();
  });

  it.each([
    ['a checksum mismatch', () => JSON.stringify({ version: '2.0.0', url: '/b.tgz', sha256: 'a'.repeat(64) }), /the downloaded bundle's sha256 is [0-9a-f]{64}, the feed said a{64}; not installed/],
    ['junk', () => 'hello', /the update feed did not answer JSON/],
    ['a wrong shape', () => JSON.stringify({ version: 'two', url: '/b.tgz' }), /is not \{version, url, sha256\}: version: not a semantic version/],
  ])('%s is a FEED_FAILED that installs nothing', async (_label, document, message) => {
    const feed = await serve({ '/feed.json': authorised(document), '/b.tgz': authorised(() => archive) });
    await expect(check(`${feed.url}/feed.json`)).rejects.toMatchObject({ code: 'FEED_FAILED', message: expect.stringMatching(message) });
    expect(await installed()).toEqual([]);
  });

  it('a refused token and a feed that is down are FEED_FAILED too, never naming the token', async () => {
    const feed = await serve({ '/feed.json': authorised(() => '{}') });
    const refused = (await check(`${feed.url}/feed.json`, 'wrong-token').catch((error: unknown) => error)) as Error;
    expect(refused).toMatchObject({ code: 'FEED_FAILED', message: 'the update feed answered HTTP 401' });
    const down = (await check('http://127.0.0.1:9/feed.json').catch((error: unknown) => error)) as Error;
    expect(down).toMatchObject({ code: 'FEED_FAILED', message: expect.stringMatching(/^the update feed http:\/\/127\.0\.0\.1:9 could not be reached/) });
    for (const error of [refused, down]) expect(JSON.stringify({ message: error.message, cause: String(error.cause) })).not.toContain(TOKEN);
  });
});
