// Runs one HTTP service: wraps the handler so every failure becomes a JSON error, listens, and
// shuts down gracefully on SIGTERM/SIGINT, or when its stdin is a pipe that closes (stop
// accepting, finish in-flight requests for up to `graceMs`, then close what is left and run
// `onClose`, e.g. closing the database). The stdin pipe is how Berth asks for a stop where there is
// no SIGTERM (Windows): the bundle declares `shutdown.stdin`, and Berth closes the pipe.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Socket, type AddressInfo } from 'node:net';
import { HttpError } from './http-error.ts';
import { sendError } from './http.ts';
import { describeError } from './log.ts';
import type { Logger } from './log.ts';

/** A request handler that may throw HttpError. */
export type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

/** How to run a service. */
export interface ServeOptions {
  host: string;
  port: number;
  handler: Handler;
  logger: Logger;
  /** Called once after the server has closed (close the database, agents…). */
  onClose?: () => Promise<void> | void;
  /** Called once listening, with the bound URL. */
  onListening?: (url: string) => void;
  /** How long in-flight requests may take to finish after SIGTERM. */
  graceMs?: number;
}

/** A running service. */
export interface RunningService {
  server: Server;
  url: string;
  /** Stops the service as SIGTERM would; resolves when everything is closed. */
  close(): Promise<void>;
}

/** Starts the server and installs the signal handlers; rejects when the port cannot be bound. */
export async function serve(options: ServeOptions): Promise<RunningService> {
  const { logger } = options;
  let closing: Promise<void> | undefined;
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, (request, response) => {
    if (closing !== undefined) response.setHeader('connection', 'close');
    Promise.resolve()
      .then(() => options.handler(request, response))
      .catch((error: unknown) => {
        if (!(error instanceof HttpError) || error.status >= 500) {
          logger.error('request failed', { method: request.method, path: request.url?.split('?')[0], error: describeError(error) });
        }
        sendError(response, error);
      });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  const close = (): Promise<void> => {
    closing ??= (async () => {
      const graceMs = options.graceMs ?? 5_000;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
      await options.onClose?.();
    })();
    return closing;
  };

  let stopping = false;
  const stop = (cause: { signal: NodeJS.Signals } | { stdin: 'closed' }): void => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', cause);
    close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('shutdown failed', { error: describeError(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', (signal) => stop({ signal }));
  process.once('SIGINT', (signal) => stop({ signal }));
  if (isStdinPipe()) process.stdin.resume().once('end', () => stop({ stdin: 'closed' }));

  logger.info('listening', { url });
  options.onListening?.(url);
  return { server, url, close };
}

/**
 * True when stdin is a pipe (or socket), the way Berth's `shutdown.stdin` gives it: not a
 * terminal, and not /dev/null or NUL, which is what a service run without a stdin gets (under
 * Berth without `shutdown.stdin`, systemd, docker without -i); those never end a service.
 */
function isStdinPipe(): boolean {
  return process.stdin instanceof Socket && process.stdin.isTTY !== true;
}
