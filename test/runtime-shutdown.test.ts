// Stopping `berth run` with real processes: SIGINT stops in reverse dependency order and exits 0;
// a service that ignores SIGTERM is SIGKILLed after its shutdown.timeout; a second SIGINT kills at
// once; a service's grandchild dies with it (on stop and when the service itself dies).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBerthHarness } from './helpers/berth-harness.ts';
import { rawRequest } from './helpers/control-http.ts';
import { isPidLiving } from './helpers/process-groups.ts';
import { readRunRecords } from './helpers/run-records.ts';
import { nodeFixture } from './helpers/sandbox.ts';

const h = useBerthHarness();

const QUICK = { interval: '200ms', startTimeout: '30s' } as const;

describe('graceful stop', () => {
  it('SIGINT stops dependents before their dependencies, then exits 0 and removes control.json', async () => {
    const sb = await h.sandbox('sigint');
    await sb.writeBundle({
      db: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.db.http}' }, ports: { http: {} }, readiness: { http: { port: 'http' }, ...QUICK } },
      // api takes 400 ms to exit after SIGTERM: db must not be signalled before api is gone.
      api: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.api.http}', EXIT_DELAY_MS: '400' }, ports: { http: {} }, dependsOn: { db: 'ready' }, readiness: { http: { port: 'http' }, ...QUICK } },
    });
    const berth = h.start(sb);
    await berth.waitForStates(['db', 'api'], ['ready']);
    berth.signal('SIGINT');
    const exit = await berth.waitForExit();
    expect(exit.code, berth.output).toBe(0);
    const apiExit = await sb.markAt('api', 'exit');
    const dbTerm = await sb.markAt('db', 'sigterm');
    expect(dbTerm).toBeGreaterThanOrEqual(apiExit);
    expect(berth.stdout.indexOf('[berth] api: stopped')).toBeLessThan(berth.stdout.indexOf('[berth] db: stopping'));
    expect(existsSync(join(sb.stateDir, 'control.json'))).toBe(false);
    const records = await readRunRecords(sb.stateDir);
    expect(records.map((record) => [record.service, record.status, record.exitCode, record.signal])).toEqual(
      expect.arrayContaining([
        ['db', 'exited', 0, null],
        ['api', 'exited', 0, null],
      ]),
    );
  });

  it('SIGTERM during start-up is held until start-up returns, then stops everything (no service orphaned)', async () => {
    const sb = await h.sandbox('sigterm-early');
    const services = Object.fromEntries(
      Array.from({ length: 6 }, (_, index) => [
        `s${index}`,
        { command: nodeFixture('marked-http.mjs'), env: { PORT: `\${ports.s${index}.http}` }, ports: { http: {} }, readiness: { http: { port: 'http' }, ...QUICK } },
      ]),
    );
    await sb.writeBundle(services);
    const berth = h.start(sb);
    // The first service is starting: start-up is under way, the summary not yet printed.
    await berth.waitForOutput(/\[berth\] s\d: starting/);
    berth.signal('SIGTERM');
    const exit = await berth.waitForExit();
    expect(exit.code, berth.output).toBe(0);
    expect(berth.stdout).toMatch(/received SIGTERM/);
    // The harness then checks that no process of any run it saw is left.
  });

  it('POST /shutdown stops everything and exits 0', async () => {
    const sb = await h.sandbox('api-shutdown');
    await sb.writeBundle({ web: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.web.http}' }, ports: { http: {} }, readiness: { http: { port: 'http' }, ...QUICK } } });
    const berth = h.start(sb);
    await berth.waitForStates(['web'], ['ready']);
    const control = await berth.controlFile();
    const reply = await rawRequest(Number(new URL(control.url).port), { method: 'POST', path: '/shutdown', token: control.token });
    expect(reply.status).toBeLessThan(300);
    expect((await berth.waitForExit()).code, berth.output).toBe(0);
    expect(await sb.markAt('web', 'sigterm')).toBeGreaterThan(0);
    expect((await readRunRecords(sb.stateDir, 'web')).map((record) => record.exitCode)).toEqual([0]);
  });

  it('a service that ignores SIGTERM is SIGKILLed after its shutdown.timeout', async () => {
    const sb = await h.sandbox('stubborn');
    await sb.writeBundle({ stubborn: { command: nodeFixture('ignore-sigterm.mjs'), readiness: { log: 'READY', startTimeout: '30s' }, shutdown: { timeout: '1500ms' } } });
    const berth = h.start(sb);
    const { stubborn } = await berth.waitForStates(['stubborn'], ['ready']);
    const pid = stubborn?.pid ?? 0;
    const sigintAt = Date.now();
    berth.signal('SIGINT');
    const exit = await berth.waitForExit();
    expect(exit.code, berth.output).toBe(0);
    // It got SIGTERM first (and said it ignored it), then SIGKILL once the grace period was over.
    expect(berth.stdout).toContain('stubborn | stubborn ignoring SIGTERM');
    expect(await sb.markAt('stubborn', 'sigterm')).toBeGreaterThan(0);
    const [record] = await readRunRecords(sb.stateDir, 'stubborn');
    expect(record).toMatchObject({ pid, signal: 'SIGKILL', status: 'exited' });
    const endedAt = Date.parse(record?.endedAt ?? '');
    // The grace period starts when berth sends SIGTERM, after our SIGINT and before the fixture's mark.
    expect(endedAt - sigintAt).toBeGreaterThanOrEqual(1_500 - 2);
    expect(isPidLiving(pid)).toBe(false);
  });

  it('a second SIGINT kills at once instead of waiting out the grace period', async () => {
    const sb = await h.sandbox('double-sigint');
    await sb.writeBundle({ stubborn: { command: nodeFixture('ignore-sigterm.mjs'), readiness: { log: 'READY', startTimeout: '30s' }, shutdown: { timeout: '60s' } } });
    const berth = h.start(sb);
    await berth.waitForStates(['stubborn'], ['ready']);
    berth.signal('SIGINT');
    await berth.waitForOutput(/stubborn ignoring SIGTERM/);
    // More than 300 ms after the first: berth treats closer copies as the same Ctrl-C.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const secondAt = Date.now();
    berth.signal('SIGINT');
    const exit = await berth.waitForExit(20_000);
    expect(exit.atMs - secondAt, berth.output).toBeLessThan(5_000);
    expect(exit.code).toBe(1);
    const [record] = await readRunRecords(sb.stateDir, 'stubborn');
    expect(record?.signal).toBe('SIGKILL');
  });
});

describe('process groups', () => {
  it("a service's grandchild is killed with it on stop", async () => {
    const sb = await h.sandbox('grandchild');
    await sb.writeBundle({ parent: { command: nodeFixture('spawn-grandchild.mjs'), readiness: { log: 'READY', startTimeout: '30s' } } });
    const berth = h.start(sb);
    await berth.waitForStates(['parent'], ['ready']);
    const grandchild = Number((await berth.waitForOutput(/grandchild pid (\d+)/))[1]);
    h.trackPid(grandchild, 'grandchild of parent');
    expect(isPidLiving(grandchild)).toBe(true);
    berth.signal('SIGINT');
    expect((await berth.waitForExit()).code, berth.output).toBe(0);
    // The leader exits on SIGTERM at once; the grandchild ignores SIGTERM and dies only because
    // the whole group is killed after the leader is gone.
    expect(isPidLiving(grandchild)).toBe(false);
  });

  it("a service's grandchild is killed when the service dies on its own, before the restart", async () => {
    const sb = await h.sandbox('grandchild-crash');
    await sb.writeBundle({ parent: { command: nodeFixture('spawn-grandchild.mjs'), readiness: { log: 'READY', startTimeout: '30s' }, restart: { backoff: { initial: '50ms', max: '200ms' } } } });
    const berth = h.start(sb);
    const { parent } = await berth.waitForStates(['parent'], ['ready']);
    const firstPid = parent?.pid ?? 0;
    const grandchild = Number((await berth.waitForOutput(/grandchild pid (\d+)/))[1]);
    h.trackPid(grandchild, 'first grandchild of parent');
    process.kill(firstPid, 'SIGKILL');
    await berth.waitFor('parent restarted', (s) => s.parent?.state === 'ready' && s.parent.pid !== null && s.parent.pid !== firstPid);
    const deadline = Date.now() + 5_000;
    while (isPidLiving(grandchild) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(isPidLiving(grandchild), `grandchild ${grandchild} of the dead run is still alive`).toBe(false);
  });
});
