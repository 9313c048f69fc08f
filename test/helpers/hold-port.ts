// Holds a TCP port in the test process itself (so a test knows exactly who the holder is).
import { createServer } from 'node:net';

/** A port held open by the test. */
export interface HeldPort {
  readonly port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:`port` (0 = any free port) until `close()`. */
export function holdPort(port = 0): Promise<HeldPort> {
  const server = createServer((socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP address');
      resolve({ port: address.port, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
