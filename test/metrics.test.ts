// GET /metrics against a real supervisor (issue 19): the exposition parses with a real Prometheus
// text parser, holds every metric the issue names, and moves when a service is killed with -9.
import { describe, expect, it } from 'vitest';
import { useBerthHarness } from './helpers/berth-harness.ts';
import { rawRequest } from './helpers/control-http.ts';
import { parseSamples, sampleValue, type Sample } from './helpers/prometheus-text.ts';
import { nodeFixture } from './helpers/sandbox.ts';

const h = useBerthHarness();

describe('GET /metrics', () => {
  it('parses, names every service, and moves after a kill -9', async () => {
    const sb = await h.sandbox('metrics');
    await sb.writeBundle({
      // Liveness only: one label set in the probe histogram (see prometheus-text.ts).
      web: {
        command: nodeFixture('http-service.mjs'),
        env: { PORT: '${ports.web.http}' },
        ports: { http: {} },
        liveness: { http: { port: 'http', path: '/healthz' }, interval: '100ms' },
        restart: { policy: 'always', maxRestarts: 5 },
      },
      // Ready 200 ms after its spawn: berth_service_start_seconds.
      worker: { command: ['${node}', '-e', 'setTimeout(() => console.log("up"), 200); setInterval(() => {}, 1000)'], readiness: { log: 'up', startTimeout: '30s' } },
    });
    const run = h.start(sb);
    await run.waitForStates(['web'], ['running']);
    await run.waitForStates(['worker'], ['ready']);
    const control = await run.controlFile();
    const port = Number(new URL(control.url).port);
    const scrape = async (): Promise<Sample[]> => {
      const reply = await rawRequest(port, { path: '/metrics', token: control.token });
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      return parseSamples(reply.text);
    };
    expect((await rawRequest(port, { path: '/metrics' })).status).toBe(401);

    // The liveness probe has run a few times (every 100 ms) once there is a histogram count.
    let before = await scrape();
    for (let tries = 0; (sampleValue(before, 'berth_probe_duration_seconds') ?? 0) < 2 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      before = await scrape();
    }
    expect(sampleValue(before, 'berth_probe_duration_seconds')).toBeGreaterThanOrEqual(2);
    expect(sampleValue(before, 'berth_service_up', { service: 'web' })).toBe(1);
    expect(sampleValue(before, 'berth_service_up', { service: 'worker' })).toBe(1);
    expect(sampleValue(before, 'berth_service_state', { service: 'web', state: 'running' })).toBe(1);
    expect(sampleValue(before, 'berth_service_state', { service: 'web', state: 'failed' })).toBe(0);
    expect(sampleValue(before, 'berth_service_restarts_total', { service: 'web' })).toBe(0);
    expect(sampleValue(before, 'berth_service_exits_total', { service: 'web' })).toBeUndefined();
    expect(sampleValue(before, 'berth_service_start_seconds', { service: 'worker' })).toBeGreaterThanOrEqual(0.2);
    expect(sampleValue(before, 'berth_service_start_seconds', { service: 'web' })).toBeGreaterThanOrEqual(0);
    const startedAt = sampleValue(before, 'berth_supervisor_start_time_seconds') ?? 0;
    expect(Math.abs(startedAt - Date.now() / 1000)).toBeLessThan(120);
    expect(sampleValue(before, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    const victim = (await run.service('web')).pid ?? 0;
    process.kill(victim, 'SIGKILL');
    await run.waitFor('web to be back after kill -9', (services) => services.web?.state === 'running' && services.web.pid !== victim);
    const after = await scrape();
    expect(sampleValue(after, 'berth_service_restarts_total', { service: 'web' })).toBe(1);
    expect(sampleValue(after, 'berth_service_exits_total', { service: 'web', reason: 'signal' })).toBe(1);
    expect(sampleValue(after, 'berth_service_up', { service: 'web' })).toBe(1);
    expect(sampleValue(after, 'berth_service_restarts_total', { service: 'worker' })).toBe(0);
    // The parser drops a histogram's labels; the text has them.
    expect((await rawRequest(port, { path: '/metrics', token: control.token })).text).toMatch(/^berth_probe_duration_seconds_count\{service="web",probe="liveness"\} [1-9]\d*$/m);
  });
});
