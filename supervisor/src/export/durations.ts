// Durations as each engine writes them. Pure.

/** "250ms", "5s", "5m", "2h": units that compose (Go durations) and systemd (time spans) both read. */
export function durationText(ms: number): string {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Whole seconds, rounded up, at least `min`: Kubernetes probe and grace fields count seconds. */
export function wholeSeconds(ms: number, min = 1): number {
  return Math.max(min, Math.ceil(ms / 1000));
}
