// The Prometheus side of the metrics, built with prom-client (imported by metrics-recorder.ts on
// the first scrape, not at start-up). Gauges of what /status says are read at scrape time; starts,
// exits and probe durations come from observations. One registry per supervisor, never the global.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { SERVICE_STATES, type ServiceStatus } from '../control/contract.ts';
import type { Observation } from './observation.ts';

/** What the metrics read at scrape time. */
export interface MetricsSource {
  services(): ServiceStatus[];
  readonly startedAtMs: number;
}

/** A registry and how observations reach it. */
export interface PromMetrics {
  readonly registry: Registry;
  apply(observation: Observation): void;
}

/** States that count as up (the ones /readyz counts as settled). */
const UP: ReadonlySet<string> = new Set(['ready', 'running', 'completed']);

/** Creates the registry with every metric of the issue, plus Node's process metrics. */
export function createPromMetrics(source: MetricsSource): PromMetrics {
  const registry = new Registry();
  const registers = [registry];
  new Gauge({
    name: 'berth_service_up', help: 'Whether the service is up: 1 when ready, running or (a task) completed.', labelNames: ['service'], registers,
    collect() {
      for (const service of source.services()) this.set({ service: service.name }, UP.has(service.state) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'berth_service_state', help: 'The service state: 1 for the current one, 0 for the others.', labelNames: ['service', 'state'], registers,
    collect() {
      for (const service of source.services()) for (const state of SERVICE_STATES) this.set({ service: service.name, state }, service.state === state ? 1 : 0);
    },
  });
  new Counter({
    name: 'berth_service_restarts_total', help: 'Restarts of the service since the supervisor started (as /status counts them).', labelNames: ['service'], registers,
    collect() {
      this.reset();
      for (const service of source.services()) this.inc({ service: service.name }, service.restarts);
    },
  });
  new Gauge({
    name: 'berth_supervisor_start_time_seconds', help: 'When the supervisor started, in seconds since the Unix epoch.', registers,
    collect() {
      this.set(source.startedAtMs / 1000);
    },
  });
  const start = new Gauge({ name: 'berth_service_start_seconds', help: 'How long the last start of the service took, spawn to ready.', labelNames: ['service'], registers });
  const exits = new Counter({ name: 'berth_service_exits_total', help: 'Ended runs of the service, by how they ended.', labelNames: ['service', 'reason'], registers });
  const probes = new Histogram({
    name: 'berth_probe_duration_seconds', help: 'Duration of the health probes that run after ready (liveness, readiness kept up).', labelNames: ['service', 'probe'], registers,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    apply(observation) {
      if (observation.type === 'start') start.set({ service: observation.service }, observation.seconds);
      else if (observation.type === 'exit') exits.inc({ service: observation.service, reason: observation.reason });
      else probes.observe({ service: observation.service, probe: observation.probe }, observation.seconds);
    },
  };
}
