// A bundle of programs not written for Berth: `python3 -m http.server` behind an http probe and a
// python3 TCP listener behind a tcp probe, started in dependency order, reachable on the ports
// Berth allocated, and stopped cleanly with nothing left behind.
import { writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useBerthHarness } from './helpers/berth-harness.ts';
import { readRunRecords } from './helpers/run-records.ts';

const h = useBerthHarness();

/** A one-line-per-connection TCP greeter: argv[1] = port. Prints "listening" once bound. */
const TCP_GREETER = [
  'import socket, sys',
  's = socket.socket()',
  's.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)',
  "s.bind(('127.0.0.1', int(sys.argv[1])))",
  's.listen()',
  "print('listening on', sys.argv[1], flush=True)",
  'while True:',
  '    c, _ = s.accept()',
  "    c.sendall(b'hello from python\\n')",
  '    c.close()',
].join('\n');

function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function readGreeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('programs not written for Berth', () => {
  it('python3 -m http.server (http probe) and a python3 TCP listener (tcp probe)', async () => {
    const sb = await h.sandbox('python');
    await writeFile(sb.path('index.html'), '<h1>served by python</h1>\n');
    await sb.writeBundle({
      greeter: {
        command: ['python3', '-u', '-c', TCP_GREETER, '${ports.greeter.tcp}'],
        ports: { tcp: { protocol: 'tcp' } },
        readiness: { tcp: { port: 'tcp' }, interval: '200ms', startTimeout: '30s' },
      },
      web: {
        command: ['python3', '-u', '-m', 'http.server', '${ports.web.http}', '--bind', '127.0.0.1', '--directory', '${bundleDir}'],
        ports: { http: {} },
        dependsOn: { greeter: 'ready' },
        readiness: { http: { port: 'http', path: '/index.html' }, interval: '200ms', startTimeout: '30s' },
      },
    });
    const berth = h.start(sb);
    const up = await berth.waitForStates(['greeter', 'web'], ['ready']);
    expect(Date.parse(up.web?.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(up.greeter?.readyAt ?? ''));

    const page = await httpGet(up.web?.ports.http?.port ?? 0, '/index.html');
    expect(page).toEqual({ status: 200, body: '<h1>served by python</h1>\n' });
    expect(await readGreeting(up.greeter?.ports.tcp?.port ?? 0)).toBe('hello from python\n');
    // Their own output reaches Berth's merged log with the service prefix.
    await berth.waitForOutput(/^greeter\s*\| listening on \d+$/m);
    await berth.waitForOutput(/^web\s*\| .*"GET \/index.html HTTP\/1.1" 200/m);

    berth.signal('SIGINT');
    expect((await berth.waitForExit()).code, berth.output).toBe(0);
    const records = await readRunRecords(sb.stateDir);
    expect(records.map((record) => `${record.service} ${record.status}`).sort()).toEqual(['greeter exited', 'web exited']);
  });
});
