// The graceful channels a service may declare (bundle.json `shutdown.http`, `shutdown.stdin`): how
// it is asked to stop before any signal. Windows has no SIGTERM, so a channel is the only clean
// way to stop a console program there; Berth uses it first on every OS (stop-process.ts).
import { request } from 'node:http';
import type { Writable } from 'node:stream';
import { messageOf } from '../errors.ts';

/** One way of asking a process to stop. */
export interface GracefulChannel {
  /** For logs: "POST http://127.0.0.1:47001/shutdown", "close stdin". */
  readonly label: string;
  /**
   * Asks. Resolves null when the process may now be stopping (wait for its exit), or the reason
   * it certainly is not (nothing listens, the answer was not 2xx, no stdin): the stop then moves
   * on to the signal at once instead of waiting out the timeout.
   */
  request(timeoutMs: number): Promise<string | null>;
}

/** POST `path` on 127.0.0.1:`port`, with an empty body. */
export function httpChannel(port: number, path: string): GracefulChannel {
  const url = `http://127.0.0.1:${port}${path}`;
  return {
    label: `POST ${url}`,
    request: (timeoutMs) =>
      new Promise((resolve) => {
        const post = request({ host: '127.0.0.1', port, path, method: 'POST', agent: false, timeout: timeoutMs, headers: { 'content-length': '0', 'user-agent': 'berth' } }, (response) => {
          response.resume();
          const status = response.statusCode ?? 0;
          resolve(status >= 200 && status < 300 ? null : `POST ${url} answered ${status}`);
        });
        post.on('timeout', () => post.destroy());
        // A reset or a timeout may well be the service exiting as asked: only a refusal is certain.
        post.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? `POST ${url} failed: ${messageOf(error)}` : null));
        post.end();
      }),
  };
}

/** Closes the process's stdin pipe (it was spawned with one: `shutdown.stdin`). */
export function stdinChannel(stdin: Writable | null): GracefulChannel {
  return {
    label: 'close stdin',
    request: async () => {
      if (stdin === null || stdin.destroyed || stdin.writableEnded) return 'its stdin is already closed';
      stdin.end();
      return null;
    },
  };
}
