// End to end with the compiled supervisor (`berth run`) and real child processes: secrets reach
// services only as declared and are redacted everywhere else (state dir, every API response,
// the supervisor's own output); waiting-secrets → `berth secrets set` → the service starts; every
// CLI verb with --json; file secrets and control.json removed at shutdown; desktop handshake.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlReady, LogLine, SecretsResponse, ServiceActionResponse, StatusResponse, type ServiceState } from '../supervisor/src/control/contract.ts';
import { isPidAlive } from '../supervisor/src/client/index.ts';
import { readControlFile } from '../supervisor/src/control/index.ts';
import { runCli } from './helpers/cli-run.ts';

const ROOT = join(import.meta.dirname, '..');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');
const BERTH = join(ROOT, 'dist', 'supervisor', 'berth.mjs');
const ENV_SECRET = 'env-secret-Q9xZ4';
const PROMPT_SECRET = 'prompt-secret-W7vK2';

const SERVICE_JS = `
const fs = require('node:fs');
if (process.env.DB_TOKEN) console.log('db token=' + process.env.DB_TOKEN);
if (process.env.FROM_ENV) console.error('from env=' + process.env.FROM_ENV);
if (process.env.API_KEY_FILE) console.log('api key=' + fs.readFileSync(process.env.API_KEY_FILE, 'utf8') + ' file=' + process.env.API_KEY_FILE);
console.log('leaked env: ' + (process.env.E2E_FROM_ENV === undefined ? 'no' : 'yes') + ', api key in env: ' + (process.env.API_KEY === undefined ? 'no' : 'yes'));
console.log('READY');
setInterval(() => {}, 1000);
process.on('SIGTERM', () => process.exit(0));
`;

let dir: string;
let stateDir: string;
let supervisor: ChildProcess;
let supervisorOutput = '';
let supervisorExit: Promise<number | null>;

const berth = (args: string[], options: Parameters<typeof runCli>[1] = {}) => runCli([NODE, BERTH, ...args, '--state-dir', stateDir], options);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}\n${supervisorOutput}`);
}

async function api(path: string, init: RequestInit = {}): Promise<string> {
  const control = await readControlFile(stateDir);
  if (control === null) throw new Error('no control.json');
  const response = await fetch(`${control.url}${path}`, { ...init, headers: { authorization: `Bearer ${control.token}`, ...init.headers } });
  return response.text();
}

/** Every service pid the tests saw, killed in afterAll should a broken supervisor leave one behind. */
const seenPids = new Set<number>();

async function stateOf(service: string): Promise<ServiceState | undefined> {
  const services = StatusResponse.parse(JSON.parse(await api('/status'))).services;
  for (const { pid } of services) if (pid !== null) seenPids.add(pid);
  return services.find((s) => s.name === service)?.state;
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

beforeAll(async () => {
  if (!existsSync(BERTH)) throw new Error(`${BERTH} is missing: run "npm run build" first`);
  dir = await mkdtemp(join(tmpdir(), 'berth-e2e-'));
  stateDir = join(dir, 'state');
  await writeFile(join(dir, 'service.cjs'), SERVICE_JS);
  const service = (secrets: Record<string, string>) => ({ command: ['${node}', 'service.cjs'], secrets, readiness: { log: 'READY' }, shutdown: { timeout: '2s' } });
  await writeFile(join(dir, 'bundle.json'), JSON.stringify({
    schemaVersion: 1,
    app: { id: 'dev.berth.e2e', name: 'E2E', version: '1.0.0' },
    secrets: { DB_TOKEN: { generate: 32 }, FROM_ENV: { env: 'E2E_FROM_ENV' }, API_KEY: { prompt: 'API key' } },
    services: { db: service({ DB_TOKEN: 'env', FROM_ENV: 'env' }), api: service({ API_KEY: 'file' }) },
  }));
  await writeFile(join(dir, 'plain.json'), JSON.stringify({ schemaVersion: 1, app: { id: 'dev.berth.plain', name: 'Plain', version: '1.0.0' }, services: { web: service({}) } }));
  supervisor = spawn(NODE, [BERTH, 'run', '--bundle', join(dir, 'bundle.json'), '--state-dir', stateDir], { env: { ...process.env, E2E_FROM_ENV: ENV_SECRET }, stdio: ['ignore', 'pipe', 'pipe'] });
  supervisor.stdout?.on('data', (chunk: Buffer) => (supervisorOutput += chunk.toString('utf8')));
  supervisor.stderr?.on('data', (chunk: Buffer) => (supervisorOutput += chunk.toString('utf8')));
  supervisorExit = new Promise((resolve) => supervisor.on('exit', (code) => resolve(code)));
  await until('control.json', async () => (await readControlFile(stateDir)) ?? undefined);
}, 60_000);

afterAll(async () => {
  if (supervisor.exitCode === null) supervisor.kill('SIGKILL');
  for (const pid of seenPids) if (isPidAlive(pid)) process.kill(pid, 'SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('berth run end to end', () => {
  it('keeps a prompt-secret service waiting, then starts it after `berth secrets set`', async () => {
    await until('db ready', async () => ((await stateOf('db')) === 'ready' ? true : undefined));
    const waiting = await berth(['status', '--json']);
    const api1 = StatusResponse.parse(JSON.parse(waiting.stdout)).services.find((s) => s.name === 'api');
    expect(api1?.state).toBe('waiting-secrets');
    expect(api1?.missingSecrets).toEqual(['API_KEY']);
    const set = await berth(['secrets', 'set', 'API_KEY', '--json'], { stdin: `${PROMPT_SECRET}\n` });
    expect(set.code).toBe(0);
    expect(SecretsResponse.parse(JSON.parse(set.stdout))).toEqual({ accepted: ['API_KEY'] });
    await until('api ready', async () => ((await stateOf('api')) === 'ready' ? true : undefined));
  });

  it('injects secrets only as declared: env, or a 0600 file in a 0700 folder', async () => {
    const file = join(stateDir, 'secrets', 'run', 'api', 'API_KEY');
    expect(await readFile(file, 'utf8')).toBe(PROMPT_SECRET);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(stateDir, 'secrets', 'run', 'api'))).mode & 0o777).toBe(0o700);
    const logs = await berth(['logs', '--json', '-n', '50']);
    const lines = logs.stdout.trim().split('\n').map((line) => LogLine.parse(JSON.parse(line)));
    const text = lines.map((line) => `${line.service}: ${line.line}`);
    expect(text).toContain('db: db token=******');
    expect(text).toContain('db: from env=******');
    expect(text).toContain(`api: api key=****** file=${file}`);
    expect(text.filter((line) => line.includes('leaked env'))).toEqual(['db: leaked env: no, api key in env: no', 'api: leaked env: no, api key in env: no']);
  });

  it('answers every CLI verb with --json', async () => {
    const restart = await berth(['restart', 'db', '--json']);
    expect(restart.code).toBe(0);
    expect(ServiceActionResponse.parse(JSON.parse(restart.stdout)).service.name).toBe('db');
    await until('db ready again', async () => ((await stateOf('db')) === 'ready' ? true : undefined));
    const stop = await berth(['stop', 'db', '--json']);
    expect(stop.code).toBe(0);
    await until('db stopped', async () => ((await stateOf('db')) === 'stopped' ? true : undefined));
    expect((await berth(['stop', 'db', '--json'])).code).toBe(1);
    const start = await berth(['start', 'db', '--json']);
    expect(start.code).toBe(0);
    await until('db ready after start', async () => ((await stateOf('db')) === 'ready' ? true : undefined));
    expect((await berth(['restart', 'nope', '--json'])).code).toBe(2);
    expect((await berth(['logs', 'nope'])).code).toBe(2);
  });

  it('never shows a secret value in any API response', async () => {
    const generated = (await readFile(join(stateDir, 'secrets', 'generated', 'DB_TOKEN'), 'utf8')).trim();
    const bodies = await Promise.all(['/healthz', '/readyz', '/status', '/ports', '/logs/tail?lines=1000', '/logs/tail?service=db&lines=1000', '/services/db/runs', '/services/api/runs', '/validate'].map((path) => api(path)));
    // The whole replay buffer of /events, read raw for two seconds.
    const control = await readControlFile(stateDir);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 2000);
    let stream = '';
    try {
      const response = await fetch(`${control?.url ?? ''}/events?lastEventId=0`, { headers: { authorization: `Bearer ${control?.token ?? ''}` }, signal: controller.signal });
      for await (const chunk of response.body ?? []) stream += Buffer.from(chunk).toString('utf8');
    } catch {
      // aborted after two seconds: what arrived is in `stream`
    }
    clearTimeout(timer);
    expect(stream).toContain('db token=******');
    for (const body of [...bodies, stream]) {
      for (const secret of [generated, ENV_SECRET, PROMPT_SECRET]) expect(body).not.toContain(secret);
    }
  });

  it('shuts down on `berth shutdown`, removing file secrets and control.json, leaking nothing into the state dir', async () => {
    const generated = (await readFile(join(stateDir, 'secrets', 'generated', 'DB_TOKEN'), 'utf8')).trim();
    const pids = StatusResponse.parse(JSON.parse(await api('/status'))).services.flatMap((s) => (s.pid === null ? [] : [s.pid]));
    expect(pids).toHaveLength(2);
    const result = await berth(['shutdown', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ accepted: true, stopped: true });
    expect(await supervisorExit).toBe(0);
    expect(existsSync(join(stateDir, 'control.json'))).toBe(false);
    expect(existsSync(join(stateDir, 'secrets', 'run'))).toBe(false);
    expect(existsSync(join(stateDir, 'secrets', 'generated', 'DB_TOKEN'))).toBe(true);
    const files = (await filesUnder(stateDir)).filter((file) => !relative(stateDir, file).startsWith('secrets'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const content = await readFile(file, 'utf8');
      for (const secret of [generated, ENV_SECRET, PROMPT_SECRET]) expect(content.includes(secret), `${relative(stateDir, file)} contains a secret`).toBe(false);
    }
    for (const secret of [generated, ENV_SECRET, PROMPT_SECRET]) expect(supervisorOutput).not.toContain(secret);
    expect((await berth(['status'])).code).toBe(1);
    expect(pids.filter((pid) => isPidAlive(pid))).toEqual([]);
  });
});

describe('desktop profile handshake', () => {
  it('prints exactly one control-ready line on stdout', async () => {
    const desktopState = join(dir, 'desktop-state');
    const child = spawn(NODE, [BERTH, 'run', '--bundle', join(dir, 'bundle.json'), '--state-dir', desktopState, '--profile', 'desktop'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await until('handshake', async () => (stdout.includes('\n') ? true : undefined));
    const ready = ControlReady.parse(JSON.parse(stdout.split('\n')[0] ?? ''));
    expect(ready.pid).toBe(child.pid);
    expect((await readControlFile(desktopState))?.token).toBe(ready.token);
    await sleep(500);
    child.stdin.end();
    expect(await exit).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(desktopState, 'control.json'))).toBe(false);
  });
});

describe('desktop profile: the handshake comes before the slow part of start-up', () => {
  it('announces itself first; a start-up failure found later (a busy fixed port) exits 1 naming the field, leaving no control.json or lock', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      const bundle = join(dir, 'busy-port.json');
      await writeFile(bundle, JSON.stringify({ schemaVersion: 1, app: { id: 'dev.berth.busy', name: 'Busy', version: '1.0.0' }, services: { web: { command: ['${node}', 'service.cjs'], ports: { http: { fixed: port } } } } }));
      const busyState = join(dir, 'busy-state');
      const child = spawn(NODE, [BERTH, 'run', '--bundle', bundle, '--state-dir', busyState, '--profile', 'desktop'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      const ready = ControlReady.parse(JSON.parse(stdout.split('\n')[0] ?? ''));
      expect(ready.pid).toBe(child.pid);
      expect(stderr).toMatch(new RegExp(`services\\.web\\.ports\\.http: fixed port ${port} is in use`));
      expect(existsSync(join(busyState, 'control.json'))).toBe(false);
      expect(existsSync(join(busyState, 'supervisor.lock'))).toBe(false);
      expect((await readdir(busyState)).filter((name) => name.endsWith('.json') || name.endsWith('.lock'))).toEqual([]);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });
});

describe('dashboard served by berth run --dashboard', () => {
  it('logs in with the one-time URL and serves the built renderer same-origin only', async () => {
    const dashState = join(dir, 'dashboard-state');
    const child = spawn(NODE, [BERTH, 'run', '--bundle', join(dir, 'plain.json'), '--state-dir', dashState, '--dashboard'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const loginUrl = await until('login URL', async () => /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(stdout)?.[1]);
      const origin = new URL(loginUrl).origin;
      const login = await fetch(loginUrl, { redirect: 'manual' });
      expect(login.status).toBe(302);
      expect(login.headers.get('location')).toBe('/');
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      expect(cookie).toMatch(/^berth_session=/);
      const page = await fetch(`${origin}/`);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await page.text();
      const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
      const asset = await fetch(`${origin}/${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toContain('text/javascript');
      expect((await fetch(`${origin}/status`, { headers: { cookie, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
      expect((await fetch(`${origin}/status`, { headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
      expect((await fetch(`${origin}/status`)).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    }
  });
});
