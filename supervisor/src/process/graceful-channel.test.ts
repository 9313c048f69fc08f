// The two graceful channels against real peers: an HTTP server on loopback, a real child's stdin.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpChannel, stdinChannel } from './graceful-channel.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A loopback server answering every request with `handle`; its port and the requests it saw. */
async function serve(handle: Parameters<typeof createServer>[1]): Promise<{ port: number; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url} ${request.headers['content-length']}`);
    handle?.(request, response);
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, seen };
}

describe('httpChannel', () => {
  it('POSTs the path with an empty body; a 2xx answer means "asked"', async () => {
    const { port, seen } = await serve((_request, response) => response.writeHead(202).end());
    const channel = httpChannel(port, '/admin/shutdown');
    expect(channel.label).toBe(`POST http://127.0.0.1:${port}/admin/shutdown`);
    expect(await channel.request(2_000)).toBeNull();
    expect(seen).toEqual(['POST /admin/shutdown 0']);
  });

  it('any other answer, or nothing listening, is a failure naming the URL', async () => {
    const { port } = await serve((_request, response) => response.writeHead(404).end('no such path'));
    expect(await httpChannel(port, '/stop').request(2_000)).toBe(`POST http://127.0.0.1:${port}/stop answered 404`);
    const closed = await serve(() => undefined);
    await new Promise((resolve) => servers.pop()?.close(resolve));
    expect(await httpChannel(closed.port, '/stop').request(2_000)).toMatch(new RegExp(`^POST http://127\\.0\\.0\\.1:${closed.port}/stop failed: .*ECONNREFUSED`));
  });

  it('a connection dropped without an answer (the service exiting as asked) is not a failure', async () => {
    const { port } = await serve((request) => request.socket.destroy());
    expect(await httpChannel(port, '/stop').request(2_000)).toBeNull();
  });
});

describe('stdinChannel', () => {
  it("closes a real child's stdin pipe, which it reads to its end; a second request finds it closed", async () => {
    const child = spawn(process.execPath, ['-e', 'process.stdin.resume().on("end", () => process.exit(7))'], { stdio: ['pipe', 'ignore', 'ignore'] });
    const exited = once(child, 'exit');
    const channel = stdinChannel(child.stdin);
    expect(channel.label).toBe('close stdin');
    expect(await channel.request(1_000)).toBeNull();
    expect((await exited)[0]).toBe(7);
    expect(await channel.request(1_000)).toBe('its stdin is already closed');
  });

  it('a process spawned without a stdin pipe cannot be asked', async () => {
    expect(await stdinChannel(null).request(1_000)).toBe('its stdin is already closed');
  });
});
