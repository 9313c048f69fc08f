// Public module of telemetry: the event schema and the telemetry.jsonl writer.
export * from './events.ts';
export { readTelemetryFile } from './read-telemetry.ts';
export { Telemetry } from './telemetry.ts';
export type { TelemetryOptions } from './telemetry.ts';
