// The client core's requests against a real HTTP server: each method's route and credentials,
// replies parsed by the contract, and every failure as one ControlClientError by code and status.
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { replyJson, startScriptedServer, type ScriptedServer } from '../../../../test/helpers/scripted-http-server.ts';
import type { ServiceStatus, StatusResponse } from '../contract.ts';
import { ControlClientError } from './client-error.ts';
import { createControlClient, type ControlClient } from './control-client.ts';

const STATUS: StatusResponse = {
  supervisor: { pid: 42, version: '1.0.0', profile: 'headless', startedAt: '2026-01-01T00:00:00.000Z', state: 'ready', stateDir: '/s', logsDir: '/s/logs' },
  app: { id: 'dev.berth.test', name: 'Test', version: '1.0.0' },
  uiUrl: null,
  services: [],
};
const SERVICE: ServiceStatus = {
  name: 'api', kind: 'service', state: 'ready', pid: 7, ports: {}, restarts: 0, lastExit: null, startedAt: null, readyAt: null, uptimeMs: null,
  reason: null, blockedBy: null, waitingOn: [], missingSecrets: [], lastLines: [], dependsOn: {}, runId: null,
};

let server: ScriptedServer;
let client: ControlClient;
beforeAll(async () => {
  server = await startScriptedServer();
  client = createControlClient({ baseUrl: `${server.url}/`, auth: { kind: 'bearer', token: 'tok-123' } });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

describe('requests', () => {
  it.each([
    ['health', (c: ControlClient) => c.health(), 'GET', '/healthz', { ok: true, pid: 1, version: 'v', uptimeMs: 3 }],
    ['status', (c: ControlClient) => c.status(), 'GET', '/status', STATUS],
    ['tailLogs', (c: ControlClient) => c.tailLogs('my api', 50), 'GET', '/logs/tail?service=my+api&lines=50', { lines: [] }],
    ['tailLogs of all', (c: ControlClient) => c.tailLogs(null, 5), 'GET', '/logs/tail?lines=5', { lines: [] }],
    ['runs', (c: ControlClient) => c.runs('a/b'), 'GET', '/services/a%2Fb/runs', { runs: [] }],
    ['serviceAction', (c: ControlClient) => c.serviceAction('api', 'restart'), 'POST', '/services/api/restart', { service: SERVICE }],
    ['submitSecrets', (c: ControlClient) => c.submitSecrets({ KEY: 'v' }), 'POST', '/secrets', { accepted: ['KEY'] }],
    ['validate', (c: ControlClient) => c.validate(), 'GET', '/validate', { ok: true, problems: [] }],
    ['shutdown', (c: ControlClient) => c.shutdown(), 'POST', '/shutdown', { accepted: true }],
  ] as const)('%s: %s %s with the bearer token, reply parsed', async (_name, call, method, url, reply) => {
    server.handle = (_req, res) => replyJson(res, 200, reply);
    const value = await call(client);
    if (_name !== 'shutdown') expect(value).toEqual(reply);
    expect(server.requests).toMatchObject([{ method, url, headers: { authorization: 'Bearer tok-123', accept: 'application/json' } }]);
  });

  it('sends a JSON body with its content type', async () => {
    server.handle = (_req, res) => replyJson(res, 200, { accepted: ['KEY'] });
    await client.submitSecrets({ KEY: 'value' });
    expect(server.requests[0]).toMatchObject({ body: '{"KEY":"value"}', headers: { 'content-type': 'application/json' } });
  });

  it('sends no token with same-origin auth (the browser adds the session cookie)', async () => {
    server.handle = (_req, res) => replyJson(res, 200, STATUS);
    await createControlClient({ baseUrl: server.url, auth: { kind: 'same-origin' } }).status();
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('takes an error status that still has the expected shape as the answer', async () => {
    const reply = { ok: false, problems: [{ check: 'port', severity: 'error', path: null, message: 'busy', fix: 'free it' }] };
    server.handle = (_req, res) => replyJson(res, 503, reply);
    await expect(client.validate()).resolves.toEqual(reply);
  });
});

describe('errors', () => {
  const send = (status: number, body: string) => (res: ServerResponse) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  const apiError = (code: string, message: string) => JSON.stringify({ error: { code, message } });
  const badState = JSON.stringify({ ...STATUS, services: [{ ...SERVICE, state: 'sleeping' }] });

  it.each([
    ['an API error body', send(404, apiError('SERVICE_UNKNOWN', 'Unknown service "nope".')), 'SERVICE_UNKNOWN', 404, 'Unknown service "nope".'],
    ['a refused transition', send(409, apiError('TRANSITION_INVALID', 'api is draining')), 'TRANSITION_INVALID', 409, 'api is draining'],
    ['a wrong token', send(401, apiError('UNAUTHORIZED', 'bad token')), 'UNAUTHORIZED', 401, 'bad token'],
    ['401 without a body', send(401, ''), 'UNAUTHORIZED', 401, 'answered HTTP 401 without an error body'],
    ['a proxy error page', send(502, '<html>bad gateway</html>'), 'BAD_RESPONSE', 502, 'answered HTTP 502'],
    ['bad JSON', send(200, '{"supervisor": '), 'BAD_RESPONSE', 200, 'the reply is not JSON'],
    ['a reply of the wrong shape', send(200, badState), 'BAD_RESPONSE', 200, '"services.0.state" does not match the contract'],
  ])('%s → %s', async (_name, reply, code, status, message) => {
    server.handle = (_req, res) => reply(res);
    const error = await client.status().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ControlClientError);
    expect(error).toMatchObject({ code, status });
    expect((error as Error).message).toContain(message);
  });

  it('UNREACHABLE when nothing listens', async () => {
    const gone = await startScriptedServer();
    await gone.close();
    const error = await createControlClient({ baseUrl: gone.url, auth: { kind: 'bearer', token: 't' } }).status().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'UNREACHABLE', status: null });
  });

  it('TIMEOUT when no reply comes within timeoutMs, and the request is abandoned', async () => {
    server.handle = () => undefined;
    const started = Date.now();
    const error = await createControlClient({ baseUrl: server.url, auth: { kind: 'bearer', token: 't' }, timeoutMs: 150 }).status().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'TIMEOUT', status: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await server.requests[0]?.closed;
  });
});
