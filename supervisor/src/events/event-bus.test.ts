import { describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '../control/contract.ts';
import { LogBlock } from '../logs/index.ts';
import { EventBus, logBlockOf, logEvent } from './event-bus.ts';

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

describe('logEvent', () => {
  it('carries its block for byte-wise subscribers and reads as a plain log event', () => {
    const block = new LogBlock(Buffer.from('one\ntwo\n'), 2);
    const made = logEvent('api', 'stderr', 't1', block);
    expect(logBlockOf(made)).toBe(block);
    expect(logBlockOf({ type: 'log', service: 'api', stream: 'stdout', line: 'x', at: 't1' })).toBeUndefined();
    expect(JSON.parse(JSON.stringify(made))).toEqual({ type: 'log', service: 'api', stream: 'stderr', at: 't1', line: 'one\ntwo' });
    expect({ ...made }).toEqual({ type: 'log', service: 'api', stream: 'stderr', at: 't1', line: 'one\ntwo' });
  });

  it('bounds the replay buffer by block bytes without decoding them', () => {
    const bus = new EventBus({ bufferSize: 100, bufferChars: 25 });
    for (let index = 0; index < 5; index++) bus.publish(logEvent('api', 'stdout', `t${index}`, new LogBlock(Buffer.from('0123456789\n'), 1)));
    expect(bus.since(0).events.map((item) => item.id)).toEqual([4, 5]);
  });
});
