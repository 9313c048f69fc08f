// The HTTP client: same-origin credentials, routes, zod-checked replies, and errors carrying the
// API's code and status (401 → UNAUTHORIZED, network failure → UNREACHABLE).
import { describe, expect, it, vi } from 'vitest';
import { makeService, makeStatus } from '../test/fixtures.ts';
import { ClientError, isUnauthorized, isUnreachable } from './client-error.ts';
import { createHttpClient } from './http-client.ts';

function jsonReply(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function clientWith(reply: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => reply(String(input), init ?? {}));
  return { fetch, client: createHttpClient({ baseUrl: 'http://127.0.0.1:47100', fetch: fetch as unknown as typeof globalThis.fetch }) };
}

describe('createHttpClient', () => {
  it('GETs /status with same-origin credentials and validates the reply', async () => {
    const status = makeStatus([makeService('api')]);
    const { fetch, client } = clientWith(() => jsonReply(200, status));
    await expect(client.status()).resolves.toEqual(status);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(String(url)).toBe('http://127.0.0.1:47100/status');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.method).toBe('GET');
  });

  it.each([
    ['tailLogs', (c: ReturnType<typeof createHttpClient>) => c.tailLogs('my api', 50), 'GET', '/logs/tail?service=my+api&lines=50', { lines: [] }],
    ['runs', (c: ReturnType<typeof createHttpClient>) => c.runs('a/b'), 'GET', '/services/a%2Fb/runs', { runs: [] }],
    ['serviceAction', (c: ReturnType<typeof createHttpClient>) => c.serviceAction('api', 'restart'), 'POST', '/services/api/restart', { service: makeService('api') }],
    ['submitSecrets', (c: ReturnType<typeof createHttpClient>) => c.submitSecrets({ KEY: 'v' }), 'POST', '/secrets', { accepted: ['KEY'] }],
    ['validate', (c: ReturnType<typeof createHttpClient>) => c.validate(), 'GET', '/validate', { ok: true, problems: [] }],
    ['shutdown', (c: ReturnType<typeof createHttpClient>) => c.shutdown(), 'POST', '/shutdown', { accepted: true }],
  ] as const)('%s calls %s %s', async (_name, call, method, path, body) => {
    const { fetch, client } = clientWith(() => jsonReply(200, body));
    await call(client);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(String(url)).toBe(`http://127.0.0.1:47100${path}`);
    expect(init?.method).toBe(method);
  });

  it('sends secrets as a JSON body', async () => {
    const { fetch, client } = clientWith(() => jsonReply(200, { accepted: ['KEY'] }));
    await client.submitSecrets({ KEY: 'value' });
    const init = fetch.mock.calls[0]?.[1];
    expect(init?.body).toBe('{"KEY":"value"}');
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json');
  });

  it('turns an error body into a ClientError with code and status', async () => {
    const { client } = clientWith(() => jsonReply(409, { error: { code: 'TRANSITION_INVALID', message: 'draining' } }));
    const error = await client.serviceAction('api', 'start').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({ code: 'TRANSITION_INVALID', status: 409, message: 'draining' });
  });

  it('maps 401 to UNAUTHORIZED even without a body', async () => {
    const { client } = clientWith(() => new Response('', { status: 401 }));
    const error = await client.status().catch((caught: unknown) => caught);
    expect(isUnauthorized(error)).toBe(true);
  });

  it('maps a network failure to UNREACHABLE', async () => {
    const { client } = clientWith(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await client.status().catch((caught: unknown) => caught);
    expect(isUnreachable(error)).toBe(true);
  });

  it('rejects a reply that does not match the contract', async () => {
    const { client } = clientWith(() => jsonReply(200, { services: 'nope' }));
    await expect(client.status()).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('accepts a non-2xx validate reply that is still a ValidateResponse', async () => {
    const reply = { ok: false, problems: [{ check: 'port', severity: 'error', path: null, message: 'busy', fix: 'free it' }] };
    const { client } = clientWith(() => jsonReply(422, reply));
    await expect(client.validate()).resolves.toEqual(reply);
  });
});
