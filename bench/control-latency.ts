// Control API latency (issue 5): p50/p99 of GET /status and GET /readyz against a real
// `berth run` supervising 20 services, over one keep-alive connection, as a dashboard polls it.
// Target (DESIGN): p99 < 5 ms. Run alone: `node bench/control-latency.ts [--json]`; bench/run.ts
// can call measureControlLatency().
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarize, type Summary } from './lib/stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BERTH = join(ROOT, 'dist', 'supervisor', 'berth.mjs');

/** Latency summaries in milliseconds, by endpoint. */
export interface ControlLatency {
  readonly services: number;
  readonly status: Summary;
  readonly readyz: Summary;
}

/** Starts a supervisor with `services` idle services, measures both endpoints, stops it. */
export async function measureControlLatency(options: { services?: number; samples?: number; warmup?: number } = {}): Promise<ControlLatency> {
  const count = options.services ?? 20;
  const samples = options.samples ?? 2000;
  if (!existsSync(BERTH)) throw new Error(`${BERTH} is missing: run "npm run build" first`);
  const dir = await mkdtemp(join(tmpdir(), 'berth-bench-control-'));
  const stateDir = join(dir, 'state');
  const services = Object.fromEntries(
    Array.from({ length: count }, (_, index) => [`svc${index}`, { command: ['${node}', '-e', 'console.log("READY"); setInterval(() => {}, 1000)'], readiness: { log: 'READY' } }]),
  );
  await writeFile(join(dir, 'bundle.json'), JSON.stringify({ schemaVersion: 1, app: { id: 'dev.berth.bench', name: 'Bench', version: '1.0.0' }, services }));
  const child = spawn(process.execPath, [BERTH, 'run', '--bundle', join(dir, 'bundle.json'), '--state-dir', stateDir], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const control = await waitFor(async () => JSON.parse(await readFile(join(stateDir, 'control.json'), 'utf8')) as { url: string; token: string });
    const get = (path: string) => timedGet(agent, `${control.url}${path}`, control.token);
    await waitFor(async () => ((await get('/readyz')).status === 200 ? true : undefined));
    const measure = async (path: string) => {
      for (let i = 0; i < (options.warmup ?? 200); i++) await get(path);
      const times: number[] = [];
      for (let i = 0; i < samples; i++) times.push((await get(path)).ms);
      return summarize(times);
    };
    return { services: count, status: await measure('/status'), readyz: await measure('/readyz') };
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  }
}

/** One GET; resolves with its status and wall time in ms (whole body read). */
function timedGet(agent: Agent, url: string, token: string): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Polls `probe` every 50 ms for up to 30 s. */
async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the supervisor did not become ready within 30 s');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureControlLatency();
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
  else for (const name of ['status', 'readyz'] as const) console.log(`GET /${name} (${result.services} services): p50 ${result[name].median.toFixed(3)} ms, p99 ${result[name].p99.toFixed(3)} ms`);
}
