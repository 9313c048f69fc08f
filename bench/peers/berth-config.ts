// Scenario → Berth bundle.json (schema version 1). Pure.
import { programOf, type Scenario } from '../scenarios/scenario.ts';

/** The bundle's JSON text for a scenario; `controlRange` keeps the control API off others' ports. */
export function berthBundle(scenario: Scenario, controlRange: readonly [number, number]): Record<string, unknown> {
  const services: Record<string, unknown> = {};
  for (const service of scenario.services) {
    services[service.name] = {
      // Node services on Berth's own Node (`${node}`, the bench's); perl services on the same perl as every peer.
      command: [service.runtime === 'node' ? '${node}' : programOf(scenario, service), service.script],
      env: { ...service.env, PORT: `\${ports.${service.name}.http}` },
      ports: { http: { fixed: service.port } },
      ...(service.dependsOn.length === 0 ? {} : { dependsOn: Object.fromEntries(service.dependsOn.map((name) => [name, 'ready'])) }),
      ...(scenario.readiness === 'tcp' ? { readiness: { tcp: { port: 'http' } } } : {}),
      restart: { policy: 'always', maxRestarts: 1000 },
      shutdown: { signal: 'SIGTERM', timeout: `${scenario.graceMs}ms` },
    };
  }
  return {
    schemaVersion: 1,
    app: { id: `dev.berth.bench.${scenario.id.replace(/[^a-zA-Z0-9-]/g, '-')}`, name: `bench ${scenario.id}`, version: '1.0.0' },
    control: { range: [...controlRange] },
    services,
  };
}
