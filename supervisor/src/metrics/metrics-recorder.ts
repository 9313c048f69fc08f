// GET /metrics (issue 19): Prometheus text through prom-client. Importing prom-client costs about
// 25 ms (bench/RESULTS.md), so it is not loaded at start-up: observations wait in a bounded queue
// until the first scrape loads it — or until the queue is full, so memory stays bounded when
// nobody scrapes — and are then replayed in order.
import type { Observation } from './observation.ts';
import type { MetricsSource, PromMetrics } from './prom-metrics.ts';

/** Observations kept before prom-client is loaded; reaching it loads it. */
export const MAX_PENDING_OBSERVATIONS = 10_000;

/** A scrape: the exposition text and its content type. */
export interface MetricsText {
  readonly contentType: string;
  readonly text: string;
}

/** Records observations and renders the metrics of one supervisor. */
export class MetricsRecorder {
  private readonly source: MetricsSource;
  private pending: Observation[] = [];
  private loaded: PromMetrics | null = null;
  private loading: Promise<PromMetrics> | null = null;

  constructor(source: MetricsSource) {
    this.source = source;
  }

  /** Records one observation (queued until prom-client is loaded). */
  observe(observation: Observation): void {
    if (this.loaded !== null) {
      this.loaded.apply(observation);
      return;
    }
    this.pending.push(observation);
    if (this.pending.length >= MAX_PENDING_OBSERVATIONS) void this.load();
  }

  /** The Prometheus text of now (loads prom-client on the first call). */
  async render(): Promise<MetricsText> {
    const metrics = await this.load();
    return { contentType: metrics.registry.contentType, text: await metrics.registry.metrics() };
  }

  private load(): Promise<PromMetrics> {
    this.loading ??= import('./prom-metrics.ts').then(({ createPromMetrics }) => {
      const metrics = createPromMetrics(this.source);
      for (const observation of this.pending) metrics.apply(observation);
      this.pending = [];
      this.loaded = metrics;
      return metrics;
    });
    return this.loading;
  }
}
