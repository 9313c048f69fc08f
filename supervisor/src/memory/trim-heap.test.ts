import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { trimHeap } from './trim-heap.ts';

/** The young generation's reserved size (bytes). */
function youngGenerationSize(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

describe('trimHeap', () => {
  it('shrinks a young generation that a burst of allocation grew', () => {
    // Objects that live through a few scavenges each make V8 grow the young generation.
    let keep: object[] = [];
    for (let round = 0; round < 40; round++) keep = Array.from({ length: 100_000 }, (_, index) => ({ index, text: `item ${index}` }));
    expect(keep).toHaveLength(100_000);
    keep.length = 0;
    const grown = youngGenerationSize();
    expect(trimHeap()).toBe(true);
    expect(youngGenerationSize()).toBeLessThan(grown);
    expect(youngGenerationSize()).toBeLessThanOrEqual(2 * 1024 * 1024);
  });
});
