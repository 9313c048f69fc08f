import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.ts';

describe('RingBuffer', () => {
  it.each([
    [3, [], 5, []],
    [3, [1, 2], 5, [1, 2]],
    [3, [1, 2, 3, 4, 5], 5, [3, 4, 5]],
    [3, [1, 2, 3, 4, 5], 2, [4, 5]],
    [1, [1, 2, 3], 1, [3]],
    [3, [1, 2, 3, 4], 0, []],
  ])('capacity %i after pushing %j, last(%i) = %j', (capacity, pushed, n, expected) => {
    const ring = new RingBuffer<number>(capacity);
    for (const item of pushed) ring.push(item);
    expect(ring.last(n)).toEqual(expected);
    expect(ring.size).toBe(Math.min(capacity, pushed.length));
  });

  it('toArray and clear', () => {
    const ring = new RingBuffer<string>(2);
    ring.push('a');
    ring.push('b');
    ring.push('c');
    expect(ring.toArray()).toEqual(['b', 'c']);
    ring.clear();
    expect(ring.toArray()).toEqual([]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(1.5)).toThrow(RangeError);
  });
});
