// The capped log buffer and the tail/live merge.
import { describe, expect, it } from 'vitest';
import { makeLine } from '../test/fixtures.ts';
import { LogBuffer, mergeTail } from './log-buffer.ts';

describe('LogBuffer', () => {
  it('publishes appended lines on flush, as a new array', () => {
    const buffer = new LogBuffer(10);
    const before = buffer.lines;
    buffer.append([makeLine('api', 'a'), makeLine('api', 'b')]);
    expect(buffer.lines).toHaveLength(0);
    expect(buffer.flush()).toBe(true);
    expect(buffer.lines.map((entry) => entry.line)).toEqual(['a', 'b']);
    expect(before).toHaveLength(0);
    expect(buffer.flush()).toBe(false);
  });

  it('keeps only the newest `cap` lines, with increasing ids', () => {
    const buffer = new LogBuffer(10_000);
    for (let batch = 0; batch < 30; batch++) {
      buffer.append(Array.from({ length: 1000 }, (_, index) => makeLine('api', `line ${batch * 1000 + index}`)));
      buffer.flush();
    }
    expect(buffer.lines).toHaveLength(10_000);
    expect(buffer.lines[0]?.line).toBe('line 20000');
    expect(buffer.lines.at(-1)?.line).toBe('line 29999');
    expect(buffer.received).toBe(30_000);
    expect((buffer.lines.at(-1)?.id ?? 0) > (buffer.lines[0]?.id ?? 0)).toBe(true);
  });
});

describe('mergeTail', () => {
  it('drops live lines already in the tail', () => {
    const tail = [makeLine('api', 'a', 'stdout', 't1'), makeLine('api', 'b', 'stdout', 't2')];
    const live = [makeLine('api', 'b', 'stdout', 't2'), makeLine('api', 'c', 'stdout', 't3')];
    expect(mergeTail(tail, live).map((line) => line.line)).toEqual(['a', 'b', 'c']);
    expect(mergeTail(tail, []).map((line) => line.line)).toEqual(['a', 'b']);
  });
});
