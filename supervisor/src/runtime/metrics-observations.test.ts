// What the executors tell GET /metrics, on the fake seam: a start's duration (spawn → ready), and
// how each run ended (its exit, the machine's own verdict, or a stop).
import { describe, expect, it } from 'vitest';
import { FakeRuntime } from './fake-seam.test-helper.ts';

const PROBED = { readiness: { http: { port: 'http' }, interval: '1s', startTimeout: '30s' }, ports: { http: {} } };

describe('metrics observations', () => {
  it('a start lasts from the spawn to ready; no readiness probe means ready at once', async () => {
    const rt = new FakeRuntime({ probed: PROBED, plain: {} });
    await rt.start();
    await rt.advance(500);
    rt.probes.set('probed', true);
    await rt.advance(10);
    const starts = rt.observations.filter((observation) => observation.type === 'start');
    expect(starts).toContainEqual({ type: 'start', service: 'plain', seconds: 0 });
    const probed = starts.find((observation) => observation.service === 'probed');
    expect(probed?.type === 'start' && probed.seconds).toBeGreaterThanOrEqual(0.5);
  });

  it('each ended run is counted by how it ended', async () => {
    const rt = new FakeRuntime({ web: { restart: { policy: 'always', maxRestarts: 10 } } });
    await rt.start();
    rt.spawner.living('web').exit(3);
    await rt.advance(0);
    rt.spawner.living('web').exit(null, 'SIGKILL');
    await rt.advance(1000);
    rt.spawner.living('web').exit(0);
    await rt.advance(1000);
    await rt.orchestrator.act('web', 'stop');
    await rt.advance(0);
    const exits = rt.observations.flatMap((observation) => (observation.type === 'exit' ? [observation.reason] : []));
    expect(exits).toEqual(['exited-nonzero', 'signal', 'exited-0', 'stopped']);
  });
});
