// `berth run` end to end with real processes: dependency gating, parallel start, each readiness
// probe kind, a missed startTimeout, and port allocation (busy fixed port, range fall-through).
// Every test ends with the harness's checks: supervisor exited, no process of its groups left.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useBerthHarness } from './helpers/berth-harness.ts';
import { holdPort } from './helpers/hold-port.ts';
import { readRunRecords } from './helpers/run-records.ts';
import { nodeFixture } from './helpers/sandbox.ts';

const h = useBerthHarness();

/**
 * A tcp connect succeeds as soon as the fixture's listen() returns (the kernel accepts into the
 * backlog), while its "listening" mark is taken in the listen callback a moment later: a probe can
 * pass a few ms before the mark. (The service listens 700 ms after it starts, so a probe that
 * passed before it listened would be off by far more.) http probes need the server's own answer,
 * which comes after the mark, so they are checked strictly.
 */
const KERNEL_ACCEPT_SLACK_MS = 50;

/** A fast-then-interval probe with a short interval, so readiness is seen quickly under load. */
const QUICK = { interval: '200ms', startTimeout: '30s' } as const;

function httpGet(port: number, path = '/'): Promise<{ status: number; body: string }> {
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

describe('dependency order', () => {
  it('a dependent never starts before its dependency is ready', async () => {
    const sb = await h.sandbox('deps');
    await sb.writeBundle({
      db: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.db.http}', DELAY_MS: '1000' }, ports: { http: {} }, readiness: { http: { port: 'http' }, ...QUICK } },
      api: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.api.http}' }, ports: { http: {} }, dependsOn: { db: 'ready' }, readiness: { http: { port: 'http' }, ...QUICK } },
      ui: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.ui.http}' }, ports: { http: {} }, dependsOn: { api: 'ready' }, readiness: { http: { port: 'http' }, ...QUICK } },
    });
    const berth = h.start(sb);
    // While db is still starting, api waits and names what it waits on.
    const early = await berth.waitFor('db starting', (s) => s.db?.state === 'starting');
    expect(early.api).toMatchObject({ state: 'pending', pid: null, waitingOn: ['db'] });
    expect(early.api?.reason).toContain('db');
    expect(early.ui).toMatchObject({ state: 'pending', pid: null, waitingOn: ['api'] });

    const up = await berth.waitForStates(['db', 'api', 'ui'], ['ready']);
    // Timestamps written by the services themselves.
    const dbListening = await sb.markAt('db', 'listening');
    const apiStart = await sb.markAt('api', 'start');
    const apiListening = await sb.markAt('api', 'listening');
    const uiStart = await sb.markAt('ui', 'start');
    expect(apiStart).toBeGreaterThanOrEqual(dbListening);
    expect(uiStart).toBeGreaterThanOrEqual(apiListening);
    // And as the supervisor saw it: the dependent's start follows the dependency's readiness.
    expect(Date.parse(up.api?.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(up.db?.readyAt ?? ''));
    expect(Date.parse(up.ui?.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(up.api?.readyAt ?? ''));
  });

  it('independent services start in parallel', async () => {
    const sb = await h.sandbox('parallel');
    const slow = (name: string) => ({ command: nodeFixture('marked-http.mjs'), env: { PORT: `\${ports.${name}.http}`, DELAY_MS: '2500' }, ports: { http: {} }, readiness: { http: { port: 'http' }, ...QUICK } });
    await sb.writeBundle({ one: slow('one'), two: slow('two'), three: slow('three') });
    const berth = h.start(sb);
    await berth.waitForStates(['one', 'two', 'three'], ['ready']);
    const marks = await sb.marks();
    const starts = marks.filter((mark) => mark.event === 'start').map((mark) => mark.atMs);
    const listening = marks.filter((mark) => mark.event === 'listening').map((mark) => mark.atMs);
    expect(starts).toHaveLength(3);
    expect(listening).toHaveLength(3);
    // Every service started before any of them was ready: nobody waited for anybody.
    expect(Math.max(...starts)).toBeLessThan(Math.min(...listening));
  });
});

describe('readiness probes', () => {
  it('http: ready once the endpoint answers 2xx, not before', async () => {
    const sb = await h.sandbox('probe-http');
    await sb.writeBundle({ web: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.web.http}', DELAY_MS: '700' }, ports: { http: {} }, readiness: { http: { port: 'http', path: '/healthz' }, ...QUICK } } });
    const berth = h.start(sb);
    const { web } = await berth.waitForStates(['web'], ['ready']);
    const listening = await sb.markAt('web', 'listening');
    const readyAt = Date.parse(web?.readyAt ?? '');
    expect(readyAt).toBeGreaterThanOrEqual(listening);
    expect(web?.ports.http?.url).toBe(`http://127.0.0.1:${web?.ports.http?.port ?? 0}`);
  });

  it('tcp: ready once the port accepts connections', async () => {
    const sb = await h.sandbox('probe-tcp');
    await sb.writeBundle({ echo: { command: nodeFixture('tcp-listener.mjs'), env: { PORT: '${ports.echo.tcp}', DELAY_MS: '700' }, ports: { tcp: { protocol: 'tcp' } }, readiness: { tcp: { port: 'tcp' }, ...QUICK } } });
    const berth = h.start(sb);
    const { echo } = await berth.waitForStates(['echo'], ['ready']);
    const listening = await sb.markAt('echo', 'listening');
    const readyAt = Date.parse(echo?.readyAt ?? '');
    expect(readyAt).toBeGreaterThanOrEqual(listening - KERNEL_ACCEPT_SLACK_MS);
    expect(echo?.ports.tcp).toMatchObject({ protocol: 'tcp' });
  });

  it('exec: ready once the command exits 0 (templates resolved in its argv)', async () => {
    const sb = await h.sandbox('probe-exec');
    await sb.writeBundle({
      echo: {
        command: nodeFixture('tcp-listener.mjs'),
        env: { PORT: '${ports.echo.tcp}', DELAY_MS: '700' },
        ports: { tcp: { protocol: 'tcp' } },
        readiness: { exec: { command: nodeFixture('check-port.mjs', '${ports.echo.tcp}') }, ...QUICK, timeout: '5s' },
      },
    });
    const berth = h.start(sb);
    const { echo } = await berth.waitForStates(['echo'], ['ready']);
    const listening = await sb.markAt('echo', 'listening');
    expect(Date.parse(echo?.readyAt ?? '')).toBeGreaterThanOrEqual(listening - KERNEL_ACCEPT_SLACK_MS);
    // After ready the same probe keeps running every 200 ms (readiness lost = unhealthy): it must keep passing.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await berth.service('echo')).toMatchObject({ state: 'ready', reason: null, pid: echo?.pid });
  });

  it('log: a substring on stdout, and a /regex/ on stderr that an earlier similar line does not match', async () => {
    const sb = await h.sandbox('probe-log');
    await sb.writeBundle({
      plain: { command: nodeFixture('log-lines.mjs'), env: { DELAY_MS: '600' }, readiness: { log: 'server started on port', startTimeout: '30s' } },
      regex: {
        command: nodeFixture('log-lines.mjs'),
        // "server starting on port pending" comes first; only the later line matches.
        env: { DELAY_MS: '600', STREAM: 'stderr', PORT: '4321' },
        readiness: { log: '/server start\\w+ on port \\d+ after \\d+ms$/', startTimeout: '30s' },
      },
    });
    const berth = h.start(sb);
    const up = await berth.waitForStates(['plain', 'regex'], ['ready']);
    for (const name of ['plain', 'regex']) {
      expect(Date.parse(up[name]?.readyAt ?? '')).toBeGreaterThanOrEqual(await sb.markAt(name, 'ready-line'));
    }
    await berth.waitForOutput(/^regex\s*\| regex server started on port 4321 after \d+ms$/m);
  });
});

describe('start-up failures', () => {
  it('a missed startTimeout fails start-up with exit 1, naming the timeout and the last output lines', async () => {
    const sb = await h.sandbox('start-timeout');
    await sb.writeBundle({
      // Prints two lines, never listens.
      slow: { command: nodeFixture('log-lines.mjs'), env: { DELAY_MS: '600000' }, ports: { http: {} }, readiness: { http: { port: 'http' }, interval: '100ms', startTimeout: '1s' }, restart: { policy: 'never' } },
      fine: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.fine.http}' }, ports: { http: {} }, readiness: { http: { port: 'http' }, ...QUICK } },
    });
    const berth = h.start(sb);
    const exit = await berth.waitForExit();
    expect(exit.code, berth.output).toBe(1);
    const failure = berth.stderr.split('\n').find((line) => line.includes('start-up failed: slow:'));
    expect(failure, berth.output).toBeDefined();
    expect(failure).toMatch(/start ?timeout/);
    expect(berth.stderr).toContain('not ready within 1000 ms');
    expect(berth.stderr).toContain('slow | slow server starting on port pending');
    // The service that did come up was stopped before the supervisor exited (harness checks its group).
    expect((await readRunRecords(sb.stateDir, 'fine')).map((record) => record.status)).toEqual(['exited']);
  });

  it('a /regex/ log probe that never matches fails start-up naming the pattern', async () => {
    const sb = await h.sandbox('log-timeout');
    await sb.writeBundle({ quiet: { command: nodeFixture('log-lines.mjs'), env: { DELAY_MS: '600000' }, readiness: { log: '/^never \\d+$/', startTimeout: '1s' }, restart: { policy: 'never' } } });
    const berth = h.start(sb);
    const exit = await berth.waitForExit();
    expect(exit.code, berth.output).toBe(1);
    expect(berth.stderr).toContain('start-up failed: quiet:');
    expect(berth.stderr).toContain('/^never \\d+$/');
    expect(berth.stderr).toContain('quiet | quiet loading configuration');
  });
});

describe('ports', () => {
  it('a busy fixed port fails start-up with exit 1, naming the holder pid', async () => {
    const held = await holdPort();
    h.defer(() => held.close());
    const sb = await h.sandbox('fixed-busy');
    await sb.writeBundle({ web: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.web.http}' }, ports: { http: { fixed: held.port } } } });
    const berth = h.start(sb);
    const exit = await berth.waitForExit();
    expect(exit.code, berth.output).toBe(1);
    expect(berth.stderr).toContain(`services.web.ports.http: fixed port ${held.port} is in use by pid ${process.pid}`);
    // Nothing was started.
    expect(await readRunRecords(sb.stateDir)).toEqual([]);
    expect(await sb.marks()).toEqual([]);
  });

  it('a range falls through a busy port', async () => {
    const held = await holdPort();
    h.defer(() => held.close());
    const sb = await h.sandbox('range');
    const range: [number, number] = [held.port, held.port + 9];
    await sb.writeBundle({ web: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.web.http}' }, ports: { http: { range } }, readiness: { http: { port: 'http' }, ...QUICK } } });
    const berth = h.start(sb);
    const { web } = await berth.waitForStates(['web'], ['ready']);
    const port = web?.ports.http?.port ?? 0;
    expect(port).not.toBe(held.port);
    expect(port).toBeGreaterThan(range[0]);
    expect(port).toBeLessThanOrEqual(range[1]);
    expect((await httpGet(port)).body).toContain(`web ${web?.pid ?? 0}`);
  });

  it('a range port taken between allocation and bind is re-allocated, and the service restarts on the new one', async () => {
    const sb = await h.sandbox('rebind');
    await sb.writeBundle({
      // Binds 1.5 s after it starts: time for the test to take its port first.
      web: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.web.http}', DELAY_MS: '1500' }, ports: { http: {} }, readiness: { http: { port: 'http' }, ...QUICK }, restart: { backoff: { initial: '50ms', max: '100ms' } } },
    });
    const berth = h.start(sb);
    const { web } = await berth.waitForStates(['web'], ['starting']);
    const taken = web?.ports.http?.port ?? 0;
    const held = await holdPort(taken);
    h.defer(() => held.close());
    const up = await berth.waitFor('web ready on another port', (s) => s.web?.state === 'ready' && s.web.ports.http?.port !== taken);
    const port = up.web?.ports.http?.port ?? 0;
    expect(up.web?.restarts).toBe(1);
    expect(berth.stdout).toMatch(/EADDRINUSE/);
    expect((await httpGet(port)).body).toContain(`web ${up.web?.pid ?? 0}`);
  });

  it('a service launched with the old port of a re-allocated one restarts with the new port', async () => {
    const sb = await h.sandbox('rebind-dependent');
    await sb.writeBundle({
      web: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.web.http}', DELAY_MS: '1500' }, ports: { http: {} }, readiness: { http: { port: 'http' }, ...QUICK }, restart: { backoff: { initial: '50ms', max: '100ms' } } },
      // Launched as soon as web has started, so before web finds its port taken.
      client: { command: ['${node}', '-e', 'console.log("target " + process.env.TARGET); setInterval(() => {}, 1000); process.on("SIGTERM", () => process.exit(0));'], env: { TARGET: '${ports.web.http}' }, dependsOn: { web: 'started' } },
    });
    const berth = h.start(sb);
    const { web } = await berth.waitForStates(['web', 'client'], ['starting', 'running']);
    const taken = web?.ports.http?.port ?? 0;
    await berth.waitFor('client launched with the first port', () => berth.stdout.includes(`target ${taken}`));
    const held = await holdPort(taken);
    h.defer(() => held.close());
    const up = await berth.waitFor('web ready on another port', (s) => s.web?.state === 'ready' && s.web.ports.http?.port !== taken);
    const port = up.web?.ports.http?.port ?? 0;
    await berth.waitFor('client relaunched with the new port', (s) => s.client?.state === 'running' && berth.stdout.includes(`target ${port}`));
    expect(berth.stdout).toMatch(/client: stopping \(restarted: the ports of web moved\)/);
  });
});
