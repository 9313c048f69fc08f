import { describe, expect, it } from 'vitest';
import { LineTail } from './line-tail.ts';
import { LogBlock } from './log-block.ts';

const at = '2026-11-25T15:30:12.123Z';
const texts = (tail: LineTail, n: number) => tail.last(n).map((line) => line.line);

describe('LineTail', () => {
  it('mixes single lines and blocks in order and bounds the line count', () => {
    const tail = new LineTail({ service: 'api', maxLines: 5, maxChars: 1 << 20, lineChars: 100 });
    tail.pushLine({ service: 'api', stream: 'stdout', line: 'one', at });
    tail.pushBlock(LogBlock.fromText('two\nthree\nfour'), 'stderr', at);
    tail.pushLine({ service: 'api', stream: 'stdout', line: 'five', at });
    expect(texts(tail, 10)).toEqual(['one', 'two', 'three', 'four', 'five']);
    tail.pushBlock(LogBlock.fromText('six\nseven'), 'stdout', at);
    expect(texts(tail, 10)).toEqual(['three', 'four', 'five', 'six', 'seven']); // at most maxLines
    expect(texts(tail, 3)).toEqual(['five', 'six', 'seven']);
    expect(tail.last(2)).toEqual([
      { service: 'api', stream: 'stdout', line: 'six', at },
      { service: 'api', stream: 'stdout', line: 'seven', at },
    ]);
  });

  it('bounds characters, keeps the newest entry, cuts long lines', () => {
    const tail = new LineTail({ service: 'api', maxLines: 1000, maxChars: 60, lineChars: 10 });
    tail.pushBlock(LogBlock.fromText('a'.repeat(40)), 'stdout', at);
    tail.pushBlock(LogBlock.fromText('b'.repeat(40)), 'stdout', at);
    expect(texts(tail, 10)).toEqual([`${'b'.repeat(10)}…`]);
    tail.pushLine({ service: 'api', stream: 'stdout', line: 'c'.repeat(30), at });
    expect(texts(tail, 10)).toEqual([`${'b'.repeat(10)}…`, `${'c'.repeat(10)}…`]);
  });

  it('stays bounded over many pushes', () => {
    const tail = new LineTail({ service: 'api', maxLines: 100, maxChars: 1 << 20, lineChars: 100 });
    for (let index = 0; index < 100_000; index++) tail.pushLine({ service: 'api', stream: 'stdout', line: String(index), at });
    expect(texts(tail, 1000)).toHaveLength(100);
    expect(texts(tail, 1)).toEqual(['99999']);
  });
});
