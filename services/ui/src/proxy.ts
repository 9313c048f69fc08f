// Forwards /api/* to the notes API, streaming both ways. Hop-by-hop headers stay on their side;
// X-Forwarded-* say where the request came from. An API that cannot be reached is a 502 JSON
// error the web app shows as such.
import { Agent, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { HttpError } from '../../lib/http-error.ts';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);

const withoutHopByHop = (headers: IncomingHttpHeaders): OutgoingHttpHeaders => {
  const named = new Set((headers.connection ?? '').split(',').map((name) => name.trim().toLowerCase()));
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name) && !named.has(name)));
};

/** Makes a function that proxies one request to `apiUrl` and resolves when the response is done. */
export function createApiProxy(apiUrl: string, options: { timeoutMs?: number } = {}) {
  const target = new URL(apiUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const proxy = (request: IncomingMessage, response: ServerResponse): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const upstream = httpRequest({
        agent,
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        timeout: options.timeoutMs ?? 30_000,
        headers: {
          ...withoutHopByHop(request.headers),
          'x-forwarded-for': request.socket.remoteAddress ?? '',
          'x-forwarded-host': request.headers.host ?? '',
          'x-forwarded-proto': 'http',
        },
      });
      upstream.on('response', (answer) => {
        response.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
        answer.pipe(response);
        answer.on('error', () => response.destroy());
      });
      upstream.on('timeout', () => upstream.destroy(new Error('the API did not answer in time')));
      upstream.on('error', (error) => {
        if (response.headersSent) {
          response.destroy();
          resolve();
        } else {
          reject(new HttpError('API_UNAVAILABLE', 'the notes API is not reachable right now; try again in a moment', { cause: error }));
        }
      });
      response.on('close', () => {
        if (!response.writableFinished) upstream.destroy();
        resolve();
      });
      request.pipe(upstream);
    });
  return Object.assign(proxy, { close: () => agent.destroy() });
}
