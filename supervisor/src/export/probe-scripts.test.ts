// The probe programs run for real: `node -e` against real servers, once and until they pass.
import { execFile } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeScript, type ProbeCheck, type ProbeRunOptions } from './probe-scripts.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

/** An http server answering every request with `status`, on a free loopback port. */
async function httpServer(status: number): Promise<number> {
  const server = createHttpServer((_request, response) => response.writeHead(status, { location: '/' }).end());
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

/** A port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

function run(check: ProbeCheck, options: ProbeRunOptions): Promise<{ code: number; stdout: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['-e', probeScript(check, options)], { timeout: 10_000 }, (error, stdout) => done({ code: error === null ? 0 : Number(error.code ?? -1), stdout }));
  });
}

describe('probe scripts, once', () => {
  it.each([
    [200, 0],
    [302, 0],
    [503, 1],
  ])('http answering %i exits %i', async (status, code) => {
    const port = await httpServer(status);
    expect((await run({ kind: 'http', url: `http://127.0.0.1:${port}/healthz` }, { timeoutMs: 2000 })).code).toBe(code);
  });

  it('http with nothing listening exits 1', async () => {
    expect((await run({ kind: 'http', url: `http://127.0.0.1:${await closedPort()}/` }, { timeoutMs: 2000 })).code).toBe(1);
  });

  it('tcp exits 0 when something listens and 1 when nothing does', async () => {
    const open = await httpServer(200);
    expect((await run({ kind: 'tcp', host: '127.0.0.1', port: open }, { timeoutMs: 2000 })).code).toBe(0);
    expect((await run({ kind: 'tcp', host: '127.0.0.1', port: await closedPort() }, { timeoutMs: 2000 })).code).toBe(1);
  });

  it('exec runs argv without a shell and exits as the command did', async () => {
    expect((await run({ kind: 'exec', argv: [process.execPath, '-e', 'process.exit(0)'] }, { timeoutMs: 5000 })).code).toBe(0);
    expect((await run({ kind: 'exec', argv: [process.execPath, '-e', 'process.exit(3)'] }, { timeoutMs: 5000 })).code).toBe(1);
    expect((await run({ kind: 'exec', argv: ['/no/such program; true'] }, { timeoutMs: 5000 })).code).toBe(1);
  });
});

describe('probe scripts, until they pass', () => {
  it('waits for a server that starts later, printing its banner once', async () => {
    const port = await closedPort();
    const server = createHttpServer((_request, response) => response.writeHead(204).end());
    servers.push(server);
    const late = setTimeout(() => server.listen(port, '127.0.0.1'), 300);
    const startedAt = Date.now();
    const outcome = await run({ kind: 'http', url: `http://127.0.0.1:${port}/` }, { timeoutMs: 500, retryMs: 50, banner: 'waiting for web' });
    clearTimeout(late);
    expect(outcome).toEqual({ code: 0, stdout: 'waiting for web\n' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300);
  });

  it('keeps retrying a failing answer', async () => {
    let answers = 0;
    const server = createHttpServer((_request, response) => response.writeHead(answers++ < 3 ? 500 : 200).end());
    servers.push(server);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    expect((await run({ kind: 'http', url: `http://127.0.0.1:${port}/` }, { timeoutMs: 500, retryMs: 20 })).code).toBe(0);
    expect(answers).toBe(4);
  });
});
