// A synthetic control API for the dashboard render benchmark: serves dist/renderer with the
// production CSP, a /status of N services, a 10,000-line /logs/tail, and an /events stream
// pushing log lines at a set rate. Only for measuring the renderer (no supervisor involved).
import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import type { LogLine, ServiceStatus, StatusResponse } from '../supervisor/src/control/contract.ts';

const CSP = "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
const TYPES: Readonly<Record<string, string>> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml' };

/** Shape of the synthetic bundle. */
export interface FakeApiOptions {
  dir: string;
  services: number;
  tailLines: number;
  /** Log lines per second pushed on /events for the first service. */
  linesPerSecond: number;
}

/** The running fake API. */
export interface FakeApi {
  url: string;
  close: () => Promise<void>;
}

function makeServices(count: number): ServiceStatus[] {
  const at = new Date(Date.now() - 3_600_000).toISOString();
  return Array.from({ length: count }, (_, index) => {
    const name = `svc-${String(index).padStart(3, '0')}`;
    const failed = index % 50 === 49;
    return {
      name,
      kind: index % 10 === 9 ? 'task' : 'service',
      state: failed ? 'failed' : index % 10 === 9 ? 'completed' : 'ready',
      pid: failed ? null : 10_000 + index,
      ports: { http: { port: 40_000 + index, protocol: 'http', url: `http://127.0.0.1:${40_000 + index}/` } },
      restarts: index % 7,
      lastExit: failed ? { code: 1, signal: null, at } : null,
      startedAt: at,
      readyAt: at,
      uptimeMs: failed ? null : 3_600_000,
      reason: failed ? 'crash loop: 6 exits in 60 s' : null,
      blockedBy: null,
      waitingOn: [],
      missingSecrets: [],
      lastLines: failed ? ['Error: boom', '    at main (server.js:1:1)'] : [],
      dependsOn: index === 0 ? {} : { [`svc-${String(Math.floor((index - 1) / 4)).padStart(3, '0')}`]: 'ready' },
      runId: `${name}-1`,
    };
  });
}

function logLine(service: string, index: number): LogLine {
  const stream = index % 9 === 0 ? 'stderr' : 'stdout';
  return { service, stream, line: `${index} GET /api/notes/${index % 97}?page=${index % 13} ${stream === 'stderr' ? '500 upstream timeout' : '200 OK'} ${(index * 37) % 400}ms`, at: new Date().toISOString() };
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Starts the fake API on a free loopback port. */
export async function startFakeApi(options: FakeApiOptions): Promise<FakeApi> {
  const services = makeServices(options.services);
  const status: StatusResponse = {
    supervisor: { pid: 1, version: 'bench', profile: 'headless', startedAt: new Date().toISOString(), state: 'failed', stateDir: '/tmp', logsDir: '/tmp/logs' },
    app: { id: 'dev.berth.bench', name: 'Bench', version: '1.0.0' },
    uiUrl: 'http://127.0.0.1:40000/',
    services,
  };
  const first = services[0]?.name ?? 'svc-000';
  const streams = new Set<ServerResponse>();
  let seq = 0;
  let lineNo = options.tailLines;
  const tick = setInterval(() => {
    const batch = Math.max(1, Math.round(options.linesPerSecond / 20));
    for (let count = 0; count < batch; count++) {
      const data = JSON.stringify({ type: 'log', ...logLine(first, lineNo++) });
      seq += 1;
      for (const res of streams) res.write(`id: ${seq}\ndata: ${data}\n\n`);
    }
  }, 50);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/status') return json(res, status);
    if (url.pathname === '/logs/tail') return json(res, { lines: Array.from({ length: options.tailLines }, (_, index) => logLine(url.searchParams.get('service') ?? first, index)) });
    if (url.pathname.endsWith('/runs')) return json(res, { runs: [] });
    if (url.pathname === '/validate') return json(res, { ok: true, problems: [] });
    if (url.pathname === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(': bench\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    const file = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
    readFile(join(options.dir, file)).then(
      (data) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP });
        res.end(data);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      clearInterval(tick);
      for (const res of streams) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
