// A real HTTP server on 127.0.0.1 whose every reply the test scripts: the far end for the control
// client core's tests (error bodies, bad JSON, silence, SSE streams that drop). It records each
// request and knows which connections are still open, so a test can prove a client left none.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Date.now() when it arrived. */
  atMs: number;
  /** Resolves when the client side of this request has gone (finished or aborted). */
  closed: Promise<void>;
}

/** The server and its script. */
export interface ScriptedServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Answers each request; the n-th request (from 0) of the server's life is `index`. */
  handle: (req: IncomingMessage, res: ServerResponse, index: number) => void;
  /** Connections open right now. */
  openSockets(): number;
  close(): Promise<void>;
}

/** Starts a server that answers 500 until the test sets `handle`. */
export async function startScriptedServer(): Promise<ScriptedServer> {
  const sockets = new Set<Socket>();
  const server = createServer();
  const scripted: ScriptedServer = {
    url: '',
    requests: [],
    handle: (_req, res) => {
      res.writeHead(500).end();
    },
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    const closed = new Promise<void>((resolve) => res.on('close', () => resolve()));
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const index = scripted.requests.length;
      scripted.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), atMs: Date.now(), closed });
      scripted.handle(req, res, index);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return Object.assign(scripted, { url: `http://127.0.0.1:${address.port}` });
}

/** Writes a JSON reply. */
export function replyJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Starts an SSE reply; the caller writes the events. */
export function startSse(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
  res.flushHeaders();
}
