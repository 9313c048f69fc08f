// The harness's external view: TCP-connect polling of service ports (the same poll for every
// supervisor), and a keep-alive HTTP client for the control API.
import { request, type Agent } from 'node:http';
import { connect } from 'node:net';

/** Resolves true when a TCP connection to 127.0.0.1:port is accepted. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Polls every port every intervalMs until all accept; resolves with the time (performance.now) each first did. */
export async function waitPortsListening(ports: readonly number[], timeoutMs: number, intervalMs = 10, signal?: AbortSignal): Promise<Map<number, number>> {
  const seen = new Map<number, number>();
  const deadline = performance.now() + timeoutMs;
  await Promise.all(
    ports.map(async (port) => {
      while (!seen.has(port)) {
        if (signal?.aborted === true) throw new Error('aborted');
        if (performance.now() > deadline) throw new Error(`port ${port} not listening within ${timeoutMs} ms`);
        if (await canConnect(port)) seen.set(port, performance.now());
        else await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    }),
  );
  return seen;
}

/** One HTTP response: status, body, and time taken. */
export interface HttpReply {
  readonly status: number;
  readonly body: string;
}

/** GET url with optional bearer token through `agent` (keep-alive when given one). */
export function httpGet(url: string, token?: string, agent?: Agent, timeoutMs = 2000): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', agent: agent ?? false, timeout: timeoutMs, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.once('timeout', () => req.destroy(new Error(`GET ${url}: no answer within ${timeoutMs} ms`)));
    req.once('error', reject);
    req.end();
  });
}

/** POST a body (XML-RPC, JSON) through `agent`, with a bearer token when given one. */
export function httpPost(url: string, body: string, contentType: string, agent?: Agent, token?: string): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const auth = token === undefined ? {} : { authorization: `Bearer ${token}` };
    const req = request(url, { method: 'POST', agent: agent ?? false, headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...auth } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.once('error', reject);
    req.end(body);
  });
}

/** Polls until `check` is true (every intervalMs) or rejects after timeoutMs. */
export async function pollUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 2, what = 'condition'): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
