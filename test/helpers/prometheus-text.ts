// Prometheus text exposition parsed by a real parser (parse-prometheus-text-format), flattened to
// samples for assertions: family name, labels, value. The parser merges the samples of a labelled
// histogram into one (its labels and _count dropped): a histogram reads as its +Inf bucket (the
// count), so a test keeps one label set per histogram family.
import parsePrometheus from 'parse-prometheus-text-format';

/** One sample: a counter's or gauge's value, or a histogram's count (its +Inf bucket). */
export interface Sample {
  readonly family: string;
  readonly type: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Parses the text (throws when it is not valid exposition format) into samples. */
export function parseSamples(text: string): Sample[] {
  return parsePrometheus(text).flatMap((family) =>
    family.metrics.map((metric) => ({ family: family.name, type: family.type, labels: metric.labels ?? {}, value: Number(metric.value ?? metric.buckets?.['+Inf'] ?? Number.NaN) })),
  );
}

/** The value of the one sample of `family` whose labels include `labels` (undefined when none). */
export function sampleValue(samples: readonly Sample[], family: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  return samples.find((sample) => sample.family === family && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))?.value;
}
