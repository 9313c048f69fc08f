import { describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../control/contract.ts';
import { EventBus } from './event-bus.ts';

const event = (n: number): RuntimeEvent => ({ type: 'supervisor', state: 'starting', at: `t${n}` });

function publishMany(bus: EventBus, count: number): void {
  for (let i = 1; i <= count; i++) bus.publish(event(i));
}

describe('EventBus replay buffer', () => {
  it.each([
    { published: 3, size: 4, lastId: 0, ids: [1, 2, 3], complete: true },
    { published: 10, size: 4, lastId: 0, ids: [7, 8, 9, 10], complete: false },
    { published: 10, size: 4, lastId: 6, ids: [7, 8, 9, 10], complete: true },
    { published: 10, size: 4, lastId: 8, ids: [9, 10], complete: true },
    { published: 10, size: 4, lastId: 10, ids: [], complete: true },
    { published: 10, size: 4, lastId: 12, ids: [], complete: true },
    // across several compactions
    { published: 1003, size: 4, lastId: 999, ids: [1000, 1001, 1002, 1003], complete: true },
    { published: 1003, size: 4, lastId: 998, ids: [1000, 1001, 1002, 1003], complete: false },
  ])('after $published events (size $size), since($lastId) → $ids', ({ published, size, lastId, ids, complete }) => {
    const bus = new EventBus({ bufferSize: size });
    publishMany(bus, published);
    const replay = bus.since(lastId);
    expect(replay.events.map((item) => item.id)).toEqual(ids);
    expect(replay.complete).toBe(complete);
    expect(bus.lastId).toBe(published);
  });

  it('delivers every event to subscribers even when one throws', () => {
    const bus = new EventBus({ bufferSize: 2 });
    const seen: number[] = [];
    bus.subscribe(() => {
      throw new Error('bug');
    });
    bus.subscribe((item) => seen.push(item.id));
    publishMany(bus, 5);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});
