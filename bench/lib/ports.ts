// Fixed ports for a scenario, chosen below the ephemeral range (so no client socket of the poller
// can hold one) and checked free by binding them, all at once, before any supervisor starts.
import { createServer, type Server } from 'node:net';

const LOW = 20_000;
const HIGH = 31_999;

function tryBind(port: number): Promise<Server | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(server));
  });
}

/** `count` distinct free ports from a random start in [LOW, HIGH]. */
export async function allocatePorts(count: number): Promise<number[]> {
  const held: Server[] = [];
  const ports: number[] = [];
  let candidate = LOW + Math.floor(Math.random() * (HIGH - LOW - count * 2));
  try {
    while (ports.length < count) {
      if (candidate > HIGH) throw new Error(`no ${count} free ports in ${LOW}-${HIGH}`);
      const server = await tryBind(candidate);
      if (server !== null) {
        held.push(server);
        ports.push(candidate);
      }
      candidate += 1;
    }
    return ports;
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}
