// Samples per supervisor, collected run by run (index i of each list is run i).
import type { PeerName } from '../peers/driver.ts';

/** ms (or other unit) samples per supervisor. */
export type PeerSamples = Partial<Record<PeerName, number[]>>;

/** Appends one sample for a supervisor. */
export function addSample(samples: PeerSamples, peer: PeerName, value: number): void {
  const list = samples[peer] ?? [];
  list.push(value);
  samples[peer] = list;
}
