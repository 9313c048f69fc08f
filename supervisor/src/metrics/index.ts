// Public module of the metrics concern: what the runtime observes and GET /metrics renders.
export { exitReasonOf, type ExitReason, type Observation } from './observation.ts';
export { MAX_PENDING_OBSERVATIONS, MetricsRecorder, type MetricsText } from './metrics-recorder.ts';
export type { MetricsSource } from './prom-metrics.ts';
