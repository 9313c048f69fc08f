import { describe, expect, it } from 'vitest';
import { linesOf } from '../control/contract.ts';
import { LAST_LINES, keepLastLines } from './capture-output.ts';

describe('keepLastLines', () => {
  it('keeps single lines and the tail of blocks, at most LAST_LINES', () => {
    const kept: string[] = [];
    keepLastLines(kept, 'first', 1);
    keepLastLines(kept, 'a\nb\nc', 3);
    expect(kept).toEqual(['first', 'a', 'b', 'c']);
    const many = Array.from({ length: 50 }, (_, index) => `line ${index}`);
    keepLastLines(kept, many.join('\n'), many.length);
    expect(kept).toEqual(many.slice(-LAST_LINES));
  });

  it('keeps empty lines of a block', () => {
    const kept: string[] = [];
    keepLastLines(kept, 'x\n\ny', 3);
    expect(kept).toEqual(['x', '', 'y']);
  });
});

describe('linesOf', () => {
  it('splits a chunk event into single lines with the same service, stream and time', () => {
    const at = '2026-11-25T00:00:00.000Z';
    expect(linesOf({ service: 'api', stream: 'stderr', line: 'one\ntwo', at })).toEqual([
      { service: 'api', stream: 'stderr', line: 'one', at },
      { service: 'api', stream: 'stderr', line: 'two', at },
    ]);
    const single = { service: 'api', stream: 'stdout' as const, line: 'only', at };
    expect(linesOf(single)).toEqual([single]);
  });
});
