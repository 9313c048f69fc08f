// The control API's security matrix against a real server on a real socket: every refused
// request gets its status, a `{error:{code,message}}` body, no CORS header, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../supervisor/src/control/contract.ts';
import { startControlServer, type ControlServer } from '../supervisor/src/control/index.ts';
import { silentLogger } from '../supervisor/src/logging/logger.ts';
import { createFakeRuntime, type FakeRuntime } from './helpers/control-fake-runtime.ts';
import { rawRequest } from './helpers/control-http.ts';

let runtime: FakeRuntime;
let server: ControlServer;
let other: ControlServer;

beforeAll(async () => {
  runtime = createFakeRuntime();
  server = await startControlServer({ runtime, logger: silentLogger, port: 0 });
  other = await startControlServer({ runtime: createFakeRuntime(), logger: silentLogger, port: 0 });
});
afterAll(async () => {
  await server.close();
  await other.close();
});

interface Case {
  name: string;
  method?: string;
  path: string;
  auth: 'none' | 'valid' | 'wrong' | 'other-run';
  headers?: (port: number) => Record<string, string>;
  body?: string;
  status: number;
  code: string;
}

const big = JSON.stringify({ API_KEY: 'x'.repeat(70 * 1024) });
const cases: Case[] = [
  { name: 'no token', path: '/status', auth: 'none', status: 401, code: 'UNAUTHORIZED' },
  { name: 'no token on a POST', method: 'POST', path: '/services/api/stop', auth: 'none', status: 401, code: 'UNAUTHORIZED' },
  { name: 'wrong token', path: '/status', auth: 'wrong', status: 401, code: 'UNAUTHORIZED' },
  { name: 'token of another run', method: 'POST', path: '/shutdown', auth: 'other-run', status: 401, code: 'UNAUTHORIZED' },
  { name: 'token in the query is not accepted', path: '/status?token=TOKEN', auth: 'none', status: 401, code: 'UNAUTHORIZED' },
  { name: 'basic auth is not bearer', path: '/status', auth: 'none', headers: () => ({ authorization: 'Basic YTpi' }), status: 401, code: 'UNAUTHORIZED' },
  { name: 'foreign Host (DNS rebinding)', path: '/status', auth: 'valid', headers: (port) => ({ host: `evil.example:${port}` }), status: 403, code: 'FORBIDDEN' },
  { name: 'loopback Host with another port', path: '/status', auth: 'valid', headers: () => ({ host: '127.0.0.1:1' }), status: 403, code: 'FORBIDDEN' },
  { name: 'foreign Host on /healthz', path: '/healthz', auth: 'none', headers: () => ({ host: 'attacker.test' }), status: 403, code: 'FORBIDDEN' },
  { name: 'foreign Host on shutdown', method: 'POST', path: '/shutdown', auth: 'valid', headers: (port) => ({ host: `0.0.0.0:${port}` }), status: 403, code: 'FORBIDDEN' },
  { name: 'oversized body (declared)', method: 'POST', path: '/secrets', auth: 'valid', body: big, headers: () => ({ 'content-type': 'application/json', 'content-length': String(big.length) }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'oversized body (chunked)', method: 'POST', path: '/secrets', auth: 'valid', body: big, headers: () => ({ 'content-type': 'application/json' }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'malformed JSON', method: 'POST', path: '/secrets', auth: 'valid', body: '{"API_KEY": ', status: 400, code: 'BAD_REQUEST' },
  { name: 'wrong body shape', method: 'POST', path: '/secrets', auth: 'valid', body: '{"API_KEY": 5}', status: 400, code: 'BAD_REQUEST' },
  { name: 'array body', method: 'POST', path: '/secrets', auth: 'valid', body: '["API_KEY"]', status: 400, code: 'BAD_REQUEST' },
  { name: 'undeclared secret', method: 'POST', path: '/secrets', auth: 'valid', body: '{"NOPE": "value1234"}', status: 400, code: 'SECRET_INVALID' },
  { name: 'malformed JSON on an action', method: 'POST', path: '/services/api/stop', auth: 'valid', body: '{', status: 400, code: 'BAD_REQUEST' },
  { name: 'unknown service (action)', method: 'POST', path: '/services/nope/restart', auth: 'valid', status: 404, code: 'SERVICE_UNKNOWN' },
  { name: 'unknown service (logs)', path: '/logs/tail?service=nope', auth: 'valid', status: 404, code: 'SERVICE_UNKNOWN' },
  { name: 'unknown service (runs)', path: '/services/nope/runs', auth: 'valid', status: 404, code: 'SERVICE_UNKNOWN' },
  { name: 'bad lines', path: '/logs/tail?service=api&lines=-3', auth: 'valid', status: 400, code: 'BAD_REQUEST' },
  { name: 'transition that makes no sense', method: 'POST', path: '/services/db/stop', auth: 'valid', status: 409, code: 'TRANSITION_INVALID' },
  { name: 'unknown action', method: 'POST', path: '/services/api/explode', auth: 'valid', status: 404, code: 'NOT_FOUND' },
  { name: 'unknown route', path: '/nope', auth: 'valid', status: 404, code: 'NOT_FOUND' },
  { name: 'unknown route without token', path: '/nope', auth: 'none', status: 401, code: 'UNAUTHORIZED' },
  { name: 'dashboard off: / is not served', path: '/', auth: 'valid', status: 404, code: 'NOT_FOUND' },
  { name: 'wrong method (GET /shutdown)', path: '/shutdown', auth: 'valid', status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'wrong method (DELETE /status)', method: 'DELETE', path: '/status', auth: 'valid', status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'wrong method (GET action)', path: '/services/api/restart', auth: 'valid', status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'CORS preflight (no credentials, no CORS headers)', method: 'OPTIONS', path: '/status', auth: 'none', headers: () => ({ origin: 'http://evil.example', 'access-control-request-method': 'POST' }), status: 401, code: 'UNAUTHORIZED' },
  { name: 'OPTIONS with a token', method: 'OPTIONS', path: '/status', auth: 'valid', headers: () => ({ origin: 'http://evil.example' }), status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'path trick /%2e%2e/', path: '/%2e%2e/', auth: 'valid', status: 404, code: 'NOT_FOUND' },
  { name: 'path trick /assets/../../package.json', path: '/assets/../../package.json', auth: 'valid', status: 404, code: 'NOT_FOUND' },
  { name: 'path trick encoded dots in assets', path: '/assets/%2e%2e/%2e%2e/package.json', auth: 'valid', status: 404, code: 'NOT_FOUND' },
  { name: 'path trick encoded slash', path: '/services/api%2Frestart', method: 'POST', auth: 'valid', status: 404, code: 'NOT_FOUND' },
  { name: 'path trick encoded slash in assets', path: '/assets/..%2f..%2fpackage.json', auth: 'valid', status: 404, code: 'NOT_FOUND' },
  { name: 'path trick backslash', path: '/assets/..\\..\\package.json', auth: 'valid', status: 404, code: 'NOT_FOUND' },
  { name: 'path trick dot segment after route', path: '/status/..', auth: 'valid', status: 404, code: 'NOT_FOUND' },
  { name: 'path trick double slash', path: '//status', auth: 'valid', status: 404, code: 'NOT_FOUND' },
  { name: 'path trick NUL', path: '/status%00', auth: 'valid', status: 404, code: 'NOT_FOUND' },
  { name: 'bad percent-encoding', path: '/services/%E0%A4%A/runs', auth: 'valid', status: 404, code: 'NOT_FOUND' },
];

describe('control API security matrix', () => {
  it.each(cases)('$name → $status $code', async (item) => {
    const before = JSON.stringify(runtime.status());
    const token = { none: undefined, valid: server.token, wrong: `${server.token.slice(0, -2)}xx`, 'other-run': other.token }[item.auth];
    const reply = await rawRequest(server.port, {
      method: item.method ?? 'GET',
      path: item.path.replace('TOKEN', server.token),
      token,
      headers: item.headers?.(server.port) ?? {},
      ...(item.body === undefined ? {} : { body: item.body }),
    });
    expect(reply.status).toBe(item.status);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    const body = ErrorBody.parse(reply.json());
    expect(body.error.code).toBe(item.code);
    expect(body.error.message.length).toBeGreaterThan(0);
    expect(reply.text).not.toContain(server.token);
    expect(Object.keys(reply.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    if (item.status === 401) expect(reply.headers['www-authenticate']).toMatch(/^Bearer/);
    if (item.status === 405) expect(reply.headers.allow).toMatch(/^(GET|POST)$/);
    expect(runtime.calls).toEqual([]);
    expect(runtime.secrets.size).toBe(0);
    expect(JSON.stringify(runtime.status())).toBe(before);
  });

  it('still serves the valid token after all of that', async () => {
    const reply = await rawRequest(server.port, { path: '/status', token: server.token });
    expect(reply.status).toBe(200);
    expect(runtime.calls).toEqual([]);
  });

  it('accepts localhost and [::1] Host names', async () => {
    for (const host of [`localhost:${server.port}`, `[::1]:${server.port}`, `LOCALHOST:${server.port}`]) {
      const reply = await rawRequest(server.port, { path: '/healthz', headers: { host } });
      expect(reply.status, host).toBe(200);
    }
  });
});
