// The control API server: node:http on loopback (or `--control-host` with an API key), a fresh
// token per start, Host checking,
// bearer auth (or the dashboard's same-origin session cookie), size-limited zod-checked bodies,
// SSE, and — when asked — the dashboard itself. Order of checks per request: path sanity →
// Host → dashboard files / healthz (public) → credentials → route → handler.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { BerthError } from '../errors.ts';
import type { Logger } from '../logging/logger.ts';
import { Authenticator } from './auth.ts';
import { hasUnreadBody } from './body.ts';
import type { ControlledRuntime } from './controlled-runtime.ts';
import { isDashboardRequest, serveDashboard } from './dashboard.ts';
import { HANDLERS } from './handlers.ts';
import { allowedHosts, isAllowedHost } from './host-check.ts';
import { sendError } from './http-errors.ts';
import { listenControl } from './listen.ts';
import { matchRoute } from './router.ts';
import { isSafePath, splitRequestUrl } from './safe-path.ts';

/** Options of startControlServer. */
export interface ControlServerOptions {
  runtime: ControlledRuntime;
  logger: Logger;
  /** Where to listen (default 127.0.0.1); beyond loopback only with `apiKey` (config/control-access.ts checks). */
  host?: string;
  /** A second accepted bearer token (the operator's API key). */
  apiKey?: string | null;
  /** Explicit port (`--control-port`; 0 = any free port); else one from `range`. */
  port?: number;
  range?: readonly [number, number];
  /** Serve the dashboard from this folder (dist/renderer) and enable cookie login. */
  dashboardDir?: string;
  /** SSE heartbeat period (default 15 s; tests shorten it). */
  heartbeatMs?: number;
  /** Use this token instead of a random one (tests only). */
  token?: string;
}

/** A running control server. */
export interface ControlServer {
  url: string;
  token: string;
  port: number;
  /** `url/?token=…` when the dashboard is served: opens a session and redirects to `/`. */
  loginUrl?: string;
  /** Stops listening, ends event streams and open connections. */
  close(): Promise<void>;
}

/** How local clients (control.json, the CLI) reach an address: a wildcard bind through loopback. */
function localAddressOf(bound: string): string {
  if (bound === '0.0.0.0') return '127.0.0.1';
  if (bound === '::') return '[::1]';
  return bound.includes(':') ? `[${bound}]` : bound;
}

/** Starts the control API (127.0.0.1 unless `host` says otherwise); resolves once it listens. */
export async function startControlServer(options: ControlServerOptions): Promise<ControlServer> {
  const log = options.logger.child({ concern: 'control' });
  const auth = new Authenticator(options.token, options.apiKey ?? null);
  const streams = new Set<() => void>();
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const bound = options.host ?? '127.0.0.1';
  let port = 0;
  let hosts: ReadonlySet<string> = new Set();
  const server: Server = createServer({ requestTimeout: 30_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!(error instanceof BerthError)) log.error('control request failed', { path: splitRequestUrl(req.url ?? '/').pathname, error: String(error) });
      reply(req, res, error);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname, query } = splitRequestUrl(req.url ?? '/');
    const method = req.method ?? 'GET';
    if (!isSafePath(pathname)) throw new BerthError('NOT_FOUND', 'No such path.');
    if (!isAllowedHost(req, hosts)) throw new BerthError('FORBIDDEN', `Host not allowed: use 127.0.0.1:${port}, localhost:${port} or [::1]:${port}${bound === '127.0.0.1' ? '' : ', or this machine\'s address'}.`);
    if (options.dashboardDir !== undefined && isDashboardRequest(req, pathname)) {
      await serveDashboard(res, pathname, query, options.dashboardDir, auth);
      return;
    }
    const match = matchRoute(method, pathname);
    if (!(match.kind === 'route' && match.name === 'healthz')) auth.authorize(req);
    if (match.kind === 'not-found') throw new BerthError('NOT_FOUND', `No endpoint ${pathname}.`);
    if (match.kind === 'method-not-allowed') {
      reply(req, res, new BerthError('METHOD_NOT_ALLOWED', `${method} is not allowed on ${pathname}.`), { allow: match.allow.join(', ') });
      return;
    }
    log.debug('control request', { method, route: match.name });
    await HANDLERS[match.name](req, res, {
      runtime: options.runtime,
      params: match.params,
      query,
      heartbeatMs,
      trackStream: (close) => {
        streams.add(close);
        res.on('close', () => streams.delete(close));
      },
    });
  }

  function reply(req: IncomingMessage, res: ServerResponse, error: unknown, headers: Record<string, string> = {}): void {
    const extra: Record<string, string> = { ...headers };
    if (error instanceof BerthError && error.code === 'UNAUTHORIZED') extra['www-authenticate'] = 'Bearer realm="berth"';
    // Unread body bytes (oversized, or refused before reading): answer, drain a bounded amount, close.
    sendError(res, error, extra, hasUnreadBody(req) ? req : undefined);
  }

  port = await listenControl(server, { host: bound, port: options.port, range: options.range });
  hosts = allowedHosts(bound, port);
  const url = `http://${localAddressOf(bound)}:${port}`;
  log.info('control API listening', { url, dashboard: options.dashboardDir !== undefined });
  return {
    url,
    token: auth.token,
    port,
    ...(options.dashboardDir === undefined ? {} : { loginUrl: `${url}/?token=${auth.token}` }),
    close: async () => {
      for (const close of streams) close();
      streams.clear();
      auth.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
