// The control API's endpoints against a real server: contract-shaped replies, 503 readiness,
// 202 shutdown, 100 concurrent /status, port selection, close().
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HealthResponse, LogTailResponse, PortsResponse, ReadyResponse, RunsResponse, SecretsResponse, ServiceActionResponse, ShutdownResponse, StatusResponse, ValidateResponse,
} from '../supervisor/src/control/contract.ts';
import { startControlServer, type ControlServer } from '../supervisor/src/control/index.ts';
import { isBerthError } from '../supervisor/src/errors.ts';
import { silentLogger } from '../supervisor/src/logging/logger.ts';
import { createFakeRuntime, type FakeRuntime } from './helpers/control-fake-runtime.ts';
import { rawRequest } from './helpers/control-http.ts';

let runtime: FakeRuntime;
let server: ControlServer;

beforeAll(async () => {
  runtime = createFakeRuntime();
  server = await startControlServer({ runtime, logger: silentLogger, port: 0 });
});
afterAll(async () => {
  await server.close();
});

const get = (path: string) => rawRequest(server.port, { path, token: server.token });
const post = (path: string, body?: unknown) =>
  rawRequest(server.port, { method: 'POST', path, token: server.token, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });

describe('control API endpoints', () => {
  it('serves /healthz without a token', async () => {
    const reply = await rawRequest(server.port, { path: '/healthz' });
    expect(reply.status).toBe(200);
    expect(HealthResponse.parse(reply.json()).pid).toBe(process.pid);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers every read endpoint with the contract shapes', async () => {
    expect(StatusResponse.parse((await get('/status')).json()).services.map((s) => s.name)).toEqual(['api', 'db']);
    expect(PortsResponse.parse((await get('/ports')).json())).toEqual({ api: { http: 47100 }, db: { http: 47100 } });
    expect(LogTailResponse.parse((await get('/logs/tail?service=api&lines=2')).json()).lines.map((l) => l.line)).toEqual(['line 2', 'line 3']);
    expect(LogTailResponse.parse((await get('/logs/tail')).json()).lines).toHaveLength(3);
    expect(RunsResponse.parse((await get('/services/api/runs')).json())).toEqual({ runs: [] });
    expect(ValidateResponse.parse((await get('/validate')).json()).ok).toBe(true);
  });

  it('answers /readyz 503 with what is not ready', async () => {
    const reply = await get('/readyz');
    expect(reply.status).toBe(503);
    expect(ReadyResponse.parse(reply.json())).toEqual({ ready: false, notReady: [{ name: 'db', state: 'stopped' }] });
  });

  it('survives 100 concurrent /status requests', async () => {
    const replies = await Promise.all(Array.from({ length: 100 }, () => get('/status')));
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      StatusResponse.parse(reply.json());
    }
  });

  it('controls services and takes secrets', async () => {
    const started = await post('/services/db/start');
    expect(started.status).toBe(200);
    expect(ServiceActionResponse.parse(started.json()).service.state).toBe('starting');
    const secrets = await post('/secrets', { API_KEY: 'sk-test-1234' });
    expect(SecretsResponse.parse(secrets.json())).toEqual({ accepted: ['API_KEY'] });
    expect(secrets.text).not.toContain('sk-test-1234');
    expect(runtime.calls).toEqual(['start:db', 'secrets:API_KEY']);
  });

  it('answers POST /shutdown with 202 before shutting down', async () => {
    const reply = await post('/shutdown');
    expect(reply.status).toBe(202);
    expect(ShutdownResponse.parse(reply.json())).toEqual({ accepted: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runtime.calls.at(-1)).toBe('shutdown');
  });
});

describe('control server lifecycle', () => {
  it('picks a port inside the range and stops listening on close', async () => {
    const own = await startControlServer({ runtime: createFakeRuntime(), logger: silentLogger, range: [47_600, 47_650] });
    expect(own.port).toBeGreaterThanOrEqual(47_600);
    expect(own.port).toBeLessThanOrEqual(47_650);
    expect(own.url).toBe(`http://127.0.0.1:${own.port}`);
    expect(own.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(own.loginUrl).toBeUndefined();
    await own.close();
    await expect(rawRequest(own.port, { path: '/healthz' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('makes a new token at every start', async () => {
    const a = await startControlServer({ runtime: createFakeRuntime(), logger: silentLogger, port: 0 });
    const b = await startControlServer({ runtime: createFakeRuntime(), logger: silentLogger, port: 0 });
    expect(a.token).not.toBe(b.token);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses a busy explicit port with PORT_IN_USE', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const error: unknown = await startControlServer({ runtime: createFakeRuntime(), logger: silentLogger, port }).catch((caught: unknown) => caught);
    expect(isBerthError(error, 'PORT_IN_USE')).toBe(true);
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  });
});
