import { describe, expect, it } from 'vitest';
import { LogBlock } from './log-block.ts';

const fromBytes = (text: string, lines: number) => new LogBlock(Buffer.from(text), lines);

describe('LogBlock', () => {
  it.each([
    ['one line', fromBytes('a\n', 1), ['a']],
    ['empty lines', fromBytes('\nx\n\n', 3), ['', 'x', '']],
    ['multi-byte', fromBytes('€uro\n✓\n', 2), ['€uro', '✓']],
    ['from text', LogBlock.fromText('p\nq'), ['p', 'q']],
  ])('%s: text, split, last lines and prefixed copies agree', (_name, block, lines) => {
    expect(block.text()).toBe(lines.join('\n'));
    expect(block.split()).toEqual(lines);
    expect(block.lastLines(2)).toEqual(lines.slice(-2));
    expect(block.prefixed(Buffer.from('> ')).toString()).toBe(lines.map((line) => `> ${line}\n`).join(''));
    expect(block.prefixed(Buffer.alloc(0)).equals(block.bytes)).toBe(true);
  });

  it('decodes only the last lines it is asked for', () => {
    const block = fromBytes(`${Array.from({ length: 100 }, (_, index) => `line ${index}`).join('\n')}\n`, 100);
    expect(block.lastLines(3)).toEqual(['line 97', 'line 98', 'line 99']);
  });

  it('writes the prefixed copy into a target at an offset, leaving the bytes around it alone', () => {
    const block = new LogBlock(Buffer.from('ab\n\ncd\n'), 3, Int32Array.of(3, 4, 7));
    const prefix = Buffer.from('[p] ');
    const target = Buffer.alloc(block.prefixedLength(prefix) + 4, '#');
    block.writePrefixed(prefix, target, 2);
    expect(target.toString()).toBe('##[p] ab\n[p] \n[p] cd\n##');
  });

  it('keeps both bytes and text until settled (capture still frames it), then holds one of them', () => {
    const block = fromBytes('héllo\nworld\n', 2);
    expect(block.text()).toBe('héllo\nworld');
    // Not settled: the bytes it frames from are kept, the same buffer at every read.
    expect(block.bytes).toBe(block.bytes);
    block.settle();
    // Settled and decoded: the bytes are let go; asking for them encodes the text again.
    expect(block.bytes).not.toBe(block.bytes);
    expect(block.bytes.toString()).toBe('héllo\nworld\n');
    expect(block.byteLength).toBe(Buffer.byteLength('héllo\nworld\n'));
    expect(block.prefixed(Buffer.from('> ')).toString()).toBe('> héllo\n> world\n');
    expect(block.lastLines(1)).toEqual(['world']);
  });

  it('lets a settled block keep its bytes until someone decodes it', () => {
    const block = fromBytes('a\nb\n', 2);
    block.settle();
    expect(block.bytes).toBe(block.bytes);
    expect(block.lastLines(1)).toEqual(['b']);
    expect(block.bytes).toBe(block.bytes);
    expect(block.split()).toEqual(['a', 'b']);
    expect(block.bytes).not.toBe(block.bytes);
  });
});
