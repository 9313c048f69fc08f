// Binds the control server (127.0.0.1 unless `--control-host` says otherwise): an explicit port
// (0 = any), or one from a range via get-port (from a random offset); a lost race for the port
// (EADDRINUSE at bind) re-allocates instead of failing.
import type { Server } from 'node:http';
import getPort from 'get-port';
import { rotatedRange } from '../ports/allocate-ports.ts';
import { BerthError } from '../errors.ts';

const LOOPBACK = '127.0.0.1';
const MAX_ATTEMPTS = 10;

/** Listens on `host` (default loopback) and returns the bound port (PORT_IN_USE / PORT_RANGE_EXHAUSTED otherwise). */
export async function listenControl(server: Server, options: { host?: string; port?: number; range?: readonly [number, number] }): Promise<number> {
  const host = options.host ?? LOOPBACK;
  if (options.port !== undefined) {
    try {
      return await bind(server, host, options.port);
    } catch (cause) {
      throw new BerthError('PORT_IN_USE', `Control port ${options.port} on ${host} is busy; pick another with --control-port.`, { cause });
    }
  }
  const [low, high] = options.range ?? [47_000, 47_999];
  const tried: number[] = [];
  // From a random offset, like service ports: a supervisor that just exited must not see its
  // port handed to the next one at once (a dashboard still open would reach the wrong supervisor).
  const order = rotatedRange(low, high);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const candidate = await getPort({ port: order, exclude: tried, host });
    if (candidate < low || candidate > high) break;
    tried.push(candidate);
    try {
      return await bind(server, host, candidate);
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EADDRINUSE')) throw error;
    }
  }
  throw new BerthError('PORT_RANGE_EXHAUSTED', `No free control port in ${low}-${high} on ${host}; widen control.range or pass --control-port.`);
}

/** One listen attempt. */
function bind(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}
