// Summary statistics of repeated measurements: median, min–max, percentiles. Pure.

/** A set of samples reduced to the figures RESULTS.md shows. */
export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly p95: number;
  readonly p99: number;
}

/** The q-quantile (0..1) of sorted samples, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
}

/** The median of samples (mean of the two middle ones for an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Reduces samples to a Summary (NaN everywhere when there are none). */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: median(sorted),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
  };
}

/** Berth / peer ratios computed pair by pair (run i with run i), summarized. */
export function pairedRatios(berth: readonly number[], peer: readonly number[]): Summary {
  const count = Math.min(berth.length, peer.length);
  const ratios: number[] = [];
  for (let i = 0; i < count; i++) {
    const b = berth[i];
    const p = peer[i];
    if (b !== undefined && p !== undefined && Number.isFinite(b) && Number.isFinite(p) && p > 0) ratios.push(b / p);
  }
  return summarize(ratios);
}

/** Berth − floor per run (run i of each is one pair), for targets stated as "floor + N ms". */
export function pairedDifferences(berth: readonly number[], floor: readonly number[]): number[] {
  return berth.slice(0, Math.min(berth.length, floor.length)).map((value, index) => value - (floor[index] ?? 0));
}
