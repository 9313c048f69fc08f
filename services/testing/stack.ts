// Test helpers: build the services into a temporary folder and start the Notes stack (or part
// of it) on free ports, each piece the way the bundle starts it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { buildServices } from '../../scripts/build/services.ts';
import type { ProcessTracker, ServiceProcess } from './processes.ts';
import { runToCompletion } from './processes.ts';

/** The token the tests give the services (the bundle generates a random one). */
export const TEST_TOKEN = 'test-token-0123456789abcdef';

/** A temporary folder and its removal. */
export async function makeTempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `berth-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Builds every service into a fresh temporary folder (what `npm run build` puts in dist/services). */
export async function buildToTemp(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const temp = await makeTempDir('services-build');
  await buildServices({ outDir: temp.dir });
  return temp;
}

/** Polls `url` until it answers `status` (200 by default). */
export async function waitForHttp(url: string, options: { status?: number; timeoutMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      if (response.status === (options.status ?? 200)) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} did not answer ${options.status ?? 200} in time (${last})`);
}

/** A started sqlite service. */
export interface SqliteHandle {
  process: ServiceProcess;
  url: string;
  dbFile: string;
}

/** Starts the sqlite service on `dbFile` and waits for its /healthz. */
export async function startSqlite(tracker: ProcessTracker, buildDir: string, dbFile: string, env: Record<string, string> = {}): Promise<SqliteHandle> {
  const port = await getPort();
  const process = tracker.start(join(buildDir, 'sqlite.mjs'), { PORT: String(port), DB_FILE: dbFile, DB_TOKEN: TEST_TOKEN, ...env });
  const url = `http://127.0.0.1:${port}`;
  await process.waitForLine('"listening"');
  return { process, url, dbFile };
}

/** Runs the migrate task against `dbUrl`. */
export function runMigrate(buildDir: string, dbUrl: string, env: Record<string, string> = {}) {
  return runToCompletion(join(buildDir, 'migrate.mjs'), { DB_URL: dbUrl, DB_TOKEN: TEST_TOKEN, WAIT_MS: '5000', ...env });
}

/** Starts the notes API against `dbUrl` and waits until it listens. */
export async function startApi(tracker: ProcessTracker, buildDir: string, dbUrl: string): Promise<{ process: ServiceProcess; url: string }> {
  const port = await getPort();
  const process = tracker.start(join(buildDir, 'api.mjs'), { PORT: String(port), DB_URL: dbUrl, DB_TOKEN: TEST_TOKEN });
  await process.waitForLine('"listening"');
  return { process, url: `http://127.0.0.1:${port}` };
}

/** Starts the UI server in front of `apiUrl` and waits for its READY line. */
export async function startUi(tracker: ProcessTracker, buildDir: string, apiUrl: string, env: Record<string, string> = {}) {
  const port = await getPort();
  const process = tracker.start(join(buildDir, 'ui.mjs'), { PORT: String(port), API_URL: apiUrl, ...env });
  await process.waitForLine('READY');
  return { process, url: `http://127.0.0.1:${port}` };
}

/** Sends JSON to `url` and returns the status and the parsed answer. */
export async function requestJson(url: string, options: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? null : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test code reads arbitrary JSON answers
  const json = (text === '' ? undefined : JSON.parse(text)) as any;
  return { status: response.status, headers: response.headers, json };
}
