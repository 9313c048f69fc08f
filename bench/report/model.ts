// What a figure reports: rows of samples per supervisor, the target and whether Berth met it.
import type { PeerName } from '../peers/driver.ts';

/** One measured quantity, with the samples of each supervisor (run i of each is one pair). */
export interface FigureRow {
  readonly label: string;
  readonly unit: string;
  readonly samples: Partial<Record<PeerName, number[]>>;
  /** Show p95/p99 instead of median (for latency distributions). */
  readonly show?: 'median' | 'p95' | 'p99';
  /** Lower is better (default) or higher (throughput); only affects wording. */
  readonly better?: 'lower' | 'higher';
}

/** Whether Berth met one target. */
export interface Verdict {
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean;
}

/** A figure of RESULTS.md. */
export interface Figure {
  readonly title: string;
  readonly target: string;
  readonly rows: FigureRow[];
  readonly verdicts: Verdict[];
  readonly notes: string[];
}

/** A figure that could not be measured (its error is reported instead of a table). */
export function failedFigure(title: string, target: string, error: unknown): Figure {
  return { title, target, rows: [], verdicts: [{ target, measured: `not measured: ${error instanceof Error ? error.message : String(error)}`, pass: false }], notes: [] };
}
