// Bundle versions end to end with a tiny two-service app (issue 18): kill -9 at every step of an
// install and of a hand-off ends, after a restart, on exactly one complete version with its data;
// a restart requested while the hand-off waits for a task is 409; a lost current version falls
// back to the known-good one with a line saying so; the update feed through the control API never
// shows its credential; uninstall refuses while a supervisor runs.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { create } from 'tar';
import { afterEach, describe, expect, it } from 'vitest';
import { UpdatesResponse } from '../supervisor/src/control/contract.ts';
import { useBerthHarness } from './helpers/berth-harness.ts';
import { BERTH, type BerthRun } from './helpers/berth-run.ts';
import { runCli } from './helpers/cli-run.ts';
import type { Sandbox } from './helpers/sandbox.ts';

const h = useBerthHarness();
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const WEB = "require('node:http').createServer((q, s) => s.end(process.env.VERSION)).listen(Number(process.env.PORT), '127.0.0.1'); process.on('SIGTERM', () => process.exit(0));";

/** The tiny app at `version`: a task stamping the version into data/ on first start and upgrade, and a web service. */
async function tinyVersion(sb: Sandbox, version: string, fields: { slowTask?: boolean; feed?: string } = {}): Promise<string> {
  const dir = join(sb.dir, `tiny-${version}`);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'web.js'), WEB);
  const services: Record<string, unknown> = {
    stamp: { kind: 'task', when: ['first-start', 'upgrade'], command: ['${node}', '-e', "require('node:fs').appendFileSync(process.env.DATA + '/stamps.txt', process.env.VERSION + '\\n')"], env: { DATA: '${dataDir}', VERSION: version } },
    web: { command: ['${node}', '${bundleDir}/web.js'], env: { PORT: '${ports.web.http}', VERSION: version }, ports: { http: {} }, dependsOn: { stamp: 'completed' }, readiness: { http: { port: 'http' }, interval: '100ms' } },
  };
  if (fields.slowTask === true) services.warmup = { kind: 'task', when: ['always'], command: ['${node}', '-e', 'setTimeout(() => {}, 2500)'] };
  const manifest = {
    schemaVersion: 1,
    app: { id: 'dev.berth.tiny', name: 'Tiny', version },
    ...(fields.feed === undefined ? {} : { secrets: { FEED_TOKEN: { env: 'TINY_FEED_TOKEN' } } }),
    updates: { readyTimeout: '20s', ...(fields.feed === undefined ? {} : { feed: fields.feed, secret: 'FEED_TOKEN' }) },
    services,
  };
  await writeFile(join(dir, 'bundle.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

function cli(sb: Sandbox, ...args: string[]) {
  return runCli([process.execPath, BERTH, ...args, '--state-dir', sb.stateDir], { timeoutMs: 60_000 });
}

async function updates(berth: BerthRun): Promise<UpdatesResponse> {
  return UpdatesResponse.parse((await berth.raw('GET', '/updates')).json());
}

async function installedVersions(sb: Sandbox): Promise<string[]> {
  return (await readdir(join(sb.stateDir, 'bundles')).catch(() => [] as string[])).filter((name) => !name.startsWith('.') && name !== 'known-good.json').sort();
}

async function startTiny(sb: Sandbox, env: Record<string, string> = {}): Promise<BerthRun> {
  const berth = h.start(sb, { bundle: null, env });
  await berth.waitForStates(['web'], ['ready']);
  return berth;
}

describe('kill -9 in the middle', () => {
  it.each(['handoff:stopping', 'handoff:backing-up', 'handoff:switched', 'handoff:starting'])('of a hand-off (at %s): the next start rolls back to the old version and its data', async (step) => {
    const sb = await h.sandbox('kill-handoff');
    await tinyVersion(sb, '1.0.0');
    await tinyVersion(sb, '2.0.0');
    expect((await cli(sb, 'bundle', 'install', join(sb.dir, 'tiny-1.0.0'))).code).toBe(0);
    const first = await startTiny(sb, { BERTH_TEST_PAUSE_AT: step });
    expect((await cli(sb, 'bundle', 'install', join(sb.dir, 'tiny-2.0.0'), '--no-activate')).code).toBe(0);
    expect((await first.raw('POST', '/updates/apply', { version: '2.0.0' })).status).toBe(202);
    await first.waitForOutput(new RegExp(`test pause at ${step}`), 30_000, 'stderr');
    // What the new version may have done to data/ before the crash.
    if (step === 'handoff:switched' || step === 'handoff:starting') await writeFile(join(sb.stateDir, 'data', 'stamps.txt'), 'written by 2.0.0\n', { flag: 'a' });
    await first.trackRunRecords();
    first.signal('SIGKILL');
    await first.waitForExit();

    const second = await startTiny(sb);
    expect(second.stderr).toContain(`the supervisor stopped during the hand-off to 2.0.0 (at "${step.slice('handoff:'.length)}"); rolled back to 1.0.0`);
    expect(await updates(second)).toMatchObject({ state: 'failed', target: '2.0.0', running: '1.0.0', current: '1.0.0' });
    expect(await readFile(join(sb.stateDir, 'data', 'stamps.txt'), 'utf8')).toBe('1.0.0\n');
    expect(existsSync(join(sb.stateDir, 'handoff.json'))).toBe(false);
    expect(await installedVersions(sb)).toEqual(['1.0.0', '2.0.0']);
    expect(await (await fetch((await second.service('web')).ports.http?.url ?? '')).text()).toBe('1.0.0');
  });

  it.each(['install:staged', 'install:renamed'])('of an install (at %s): one complete version stays current, and the next install works', async (step) => {
    const sb = await h.sandbox('kill-install');
    await tinyVersion(sb, '1.0.0');
    await tinyVersion(sb, '2.0.0');
    expect((await cli(sb, 'bundle', 'install', join(sb.dir, 'tiny-1.0.0'))).code).toBe(0);
    const child = spawn(process.execPath, [BERTH, 'bundle', 'install', join(sb.dir, 'tiny-2.0.0'), '--state-dir', sb.stateDir], { env: { ...process.env, BERTH_TEST_PAUSE_AT: step }, stdio: ['ignore', 'ignore', 'pipe'] });
    h.trackPid(child.pid ?? 0, 'berth bundle install');
    await new Promise<void>((resolve) => child.stderr.on('data', (chunk: Buffer) => chunk.toString().includes(`test pause at ${step}`) && resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(JSON.parse(await readFile(join(sb.stateDir, 'current.json'), 'utf8'))).toMatchObject({ version: '1.0.0' });
    // Staged: no version 2.0.0 at all. Renamed: a complete 2.0.0, not switched to.
    expect(await installedVersions(sb)).toEqual(step === 'install:staged' ? ['1.0.0'] : ['1.0.0', '2.0.0']);
    if (step === 'install:renamed') expect(await readdir(join(sb.stateDir, 'bundles', '2.0.0'))).toEqual(['bundle.json', 'web.js']);
    const berth = await startTiny(sb);
    expect(await updates(berth)).toMatchObject({ running: '1.0.0' });
    if (step === 'install:staged') expect((await cli(sb, 'bundle', 'install', join(sb.dir, 'tiny-2.0.0'))).code).toBe(0);
    else expect((await cli(sb, 'bundle', 'use', '2.0.0')).code).toBe(0);
    expect(await updates(berth)).toMatchObject({ state: 'idle', running: '2.0.0', knownGood: '2.0.0' });
  });
});

describe('draining and falling back', () => {
  it('a restart requested while the hand-off waits for a running task is 409; the hand-off follows once the task is done', async () => {
    const sb = await h.sandbox('deferred');
    await tinyVersion(sb, '1.0.0', { slowTask: true });
    await tinyVersion(sb, '2.0.0');
    expect((await cli(sb, 'bundle', 'install', join(sb.dir, 'tiny-1.0.0'))).code).toBe(0);
    expect((await cli(sb, 'bundle', 'install', join(sb.dir, 'tiny-2.0.0'), '--no-activate')).code).toBe(0);
    const berth = h.start(sb, { bundle: null });
    await berth.waitFor('web ready while warmup runs', (services) => services.web?.state === 'ready' && services.warmup?.state === 'starting');
    const applied = await berth.raw('POST', '/updates/apply', { version: '2.0.0' });
    expect(applied.status).toBe(202);
    expect(applied.json()).toMatchObject({ state: 'deferred', target: '2.0.0' });
    const restart = await berth.raw('POST', '/services/web/restart');
    expect(restart.status).toBe(409);
    expect(restart.json()).toMatchObject({ error: { code: 'UPDATE_IN_PROGRESS' } });
    expect((await berth.status()).handoff).toMatchObject({ state: 'deferred', target: '2.0.0' });
    await berth.waitFor('2.0.0 running', () => true);
    for (let tries = 0; tries < 200 && (await updates(berth)).state !== 'idle'; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await updates(berth)).toMatchObject({ state: 'idle', running: '2.0.0' });
  });

  it('a current version whose folder is gone falls back to known-good, with one line saying what to do', async () => {
    const sb = await h.sandbox('fallback');
    await tinyVersion(sb, '1.0.0');
    await tinyVersion(sb, '2.0.0');
    expect((await cli(sb, 'bundle', 'install', join(sb.dir, 'tiny-1.0.0'))).code).toBe(0);
    const first = await startTiny(sb);
    for (let tries = 0; tries < 100 && (await updates(first)).knownGood === null; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    first.signal('SIGTERM');
    expect((await first.waitForExit()).code).toBe(0);
    expect((await cli(sb, 'bundle', 'install', join(sb.dir, 'tiny-2.0.0'))).code).toBe(0);
    await rm(join(sb.stateDir, 'bundles', '2.0.0'), { recursive: true });
    const second = await startTiny(sb);
    expect(second.stderr).toMatch(/installed version 2\.0\.0 cannot run \(.*\); running known-good version 1\.0\.0 instead\. Fix: `berth bundle install` a fixed 2\.0\.0, or `berth bundle use 1\.0\.0` to stay on it\./);
    expect(await updates(second)).toMatchObject({ running: '1.0.0', current: '2.0.0', knownGood: '1.0.0' });
  });
});

describe('the update feed through the control API', () => {
  it('checks, downloads and installs without applying; apply hands off; the credential is in no reply, log or telemetry; a feed that is down is 502', async () => {
    const sb = await h.sandbox('feed');
    const token = 'tiny-feed-secret-7f3a9c';
    const served: { body: Buffer } = { body: Buffer.alloc(0) };
    const feed = createServer((req, res) => {
      if (req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401).end();
      if (req.url === '/feed.json') return void res.end(JSON.stringify({ version: '2.0.0', url: '/tiny-2.0.0.tgz', sha256: createHash('sha256').update(served.body).digest('hex') }));
      res.end(served.body);
    });
    servers.push(feed);
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    const feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/feed.json`;
    await tinyVersion(sb, '1.0.0', { feed: feedUrl });
    await tinyVersion(sb, '2.0.0', { feed: feedUrl });
    await create({ file: join(sb.dir, 'v2.tgz'), gzip: true, cwd: sb.dir }, ['tiny-2.0.0']);
    served.body = await readFile(join(sb.dir, 'v2.tgz'));
    expect((await cli(sb, 'bundle', 'install', join(sb.dir, 'tiny-1.0.0'))).code).toBe(0);
    const berth = await startTiny(sb, { TINY_FEED_TOKEN: token });

    const checked = await berth.raw('POST', '/updates/check');
    expect(checked.status, checked.text).toBe(200);
    expect(checked.json()).toMatchObject({ available: '2.0.0', running: '1.0.0', feed: true, lastError: null });
    expect(await installedVersions(sb)).toEqual(['1.0.0', '2.0.0']);
    expect((await berth.raw('POST', '/updates/apply', { version: '2.0.0' })).status).toBe(202);
    for (let tries = 0; tries < 200 && (await updates(berth)).state !== 'idle'; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await updates(berth)).toMatchObject({ state: 'idle', running: '2.0.0', available: null });

    await new Promise<void>((resolve) => feed.close(() => resolve()));
    const down = await berth.raw('POST', '/updates/check');
    expect(down.status).toBe(502);
    expect(down.json()).toMatchObject({ error: { code: 'FEED_FAILED', message: expect.stringContaining('could not be reached') } });
    expect((await updates(berth)).lastError).toContain('could not be reached');

    const seen = [checked.text, down.text, JSON.stringify(await updates(berth)), JSON.stringify(await berth.status()), berth.stdout, berth.stderr];
    for (const file of ['logs/supervisor.log', 'telemetry.jsonl']) seen.push(await readFile(join(sb.stateDir, file), 'utf8').catch(() => ''));
    for (const text of seen) expect(text).not.toContain(token);
  });

  it('uninstall refuses while a supervisor runs; --keep-data keeps data/ and removes the versions', async () => {
    const sb = await h.sandbox('uninstall');
    await tinyVersion(sb, '1.0.0');
    expect((await cli(sb, 'bundle', 'install', join(sb.dir, 'tiny-1.0.0'))).code).toBe(0);
    const berth = await startTiny(sb);
    const refused = await cli(sb, 'uninstall', '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('a supervisor is running');
    berth.signal('SIGTERM');
    await berth.waitForExit();
    expect((await cli(sb, 'uninstall')).code).toBe(2);
    const done = await cli(sb, 'uninstall', '--yes', '--keep-data');
    expect(done.code, done.stderr).toBe(0);
    expect((await readdir(sb.stateDir)).sort()).toEqual(['data']);
    expect(await readFile(join(sb.stateDir, 'data', 'stamps.txt'), 'utf8')).toBe('1.0.0\n');
  });
});
