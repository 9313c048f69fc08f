import { describe, expect, it } from 'vitest';
import { CONTINUATION_MARK, createLineSplitter } from './line-splitter.ts';

/** Runs chunks through a splitter and returns what it emitted (with the `continued` flag). */
function split(chunks: (string | Uint8Array)[], maxLineBytes?: number): [string, boolean][] {
  const out: [string, boolean][] = [];
  const splitter = createLineSplitter((line, continued) => out.push([line, continued]), maxLineBytes === undefined ? {} : { maxLineBytes });
  for (const chunk of chunks) splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  splitter.flush();
  return out;
}
const lines = (chunks: (string | Uint8Array)[], maxLineBytes?: number) => split(chunks, maxLineBytes).map(([line]) => line);

const euro = Buffer.from('€'); // 3 bytes: e2 82 ac
const CASES: [string, (string | Uint8Array)[], string[]][] = [
  ['one line', ['hello\n'], ['hello']],
  ['several lines in one chunk', ['a\nb\nc\n'], ['a', 'b', 'c']],
  ['partial line across chunks', ['hel', 'lo wo', 'rld\nnext\n'], ['hello world', 'next']],
  ['unterminated last line on flush', ['a\nb'], ['a', 'b']],
  ['empty lines kept', ['\n\na\n\n'], ['', '', 'a', '']],
  ['CRLF', ['a\r\nb\r\n'], ['a', 'b']],
  ['CR and LF in different chunks', ['a\r', '\nb\n'], ['a', 'b']],
  ['lone CR inside a line is kept', ['a\rb\n'], ['a\rb']],
  ['UTF-8 split across chunks', [Buffer.concat([Buffer.from('x'), euro.subarray(0, 1)]), euro.subarray(1, 2), Buffer.concat([euro.subarray(2), Buffer.from('y\n')])], ['x€y']],
  ['invalid bytes become U+FFFD', [Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a, 0x63, 0x0a])], ['a\uFFFD\uFFFDb', 'c']],
  ['truncated sequence before newline', [Buffer.from([0x61, 0xe2, 0x82, 0x0a, 0x62, 0x0a])], ['a\uFFFD', 'b']],
  ['nothing at all', [], []],
  ['Uint8Array that is not a Buffer', [new Uint8Array([0x68, 0x69, 0x0a])], ['hi']],
];

describe('createLineSplitter', () => {
  it.each(CASES)('%s', (_name, chunks, expected) => {
    expect(lines(chunks)).toEqual(expected);
  });

  it('splits a 1 MB line into flagged pieces and keeps framing for the next line', () => {
    const big = 'x'.repeat(1024 * 1024);
    const out = split([big.slice(0, 300_000), big.slice(300_000) + '\nafter\n'], 64 * 1024);
    const pieces = out.slice(0, -1);
    expect(pieces).toHaveLength(16);
    expect(pieces.slice(0, -1).every(([line, continued]) => continued && line.endsWith(CONTINUATION_MARK))).toBe(true);
    expect(pieces.at(-1)?.[1]).toBe(false);
    expect(pieces.map(([line, continued]) => (continued ? line.slice(0, -CONTINUATION_MARK.length) : line)).join('')).toBe(big);
    expect(out.at(-1)).toEqual(['after', false]);
  });

  it('never cuts a multi-byte character when splitting a long line', () => {
    const text = '€'.repeat(100); // 300 bytes
    const out = split([text + '\n'], 64);
    const joined = out.map(([line, continued]) => (continued ? line.slice(0, -1) : line)).join('');
    expect(joined).toBe(text);
    expect(out.every(([line]) => !line.includes('\uFFFD'))).toBe(true);
    expect(out.every(([line]) => Buffer.byteLength(line) <= 64 + Buffer.byteLength(CONTINUATION_MARK))).toBe(true);
  });

  it('splits a long line that arrives one byte at a time without holding more than the limit', () => {
    const bytes = Buffer.from('y'.repeat(1000) + '\n');
    const chunks = [...bytes].map((byte) => Uint8Array.of(byte));
    const out = split(chunks, 100);
    expect(out).toHaveLength(10);
    expect(out.filter(([, continued]) => continued)).toHaveLength(9);
  });

  it('a line of exactly the limit followed by CRLF is one line', () => {
    expect(split(['z'.repeat(100) + '\r\n'], 100)).toEqual([['z'.repeat(100), false]]);
  });

  it('frames 20 MB of mixed chunks quickly', () => {
    const line = 'the quick brown fox jumps over the lazy dog 0123456789\n';
    const chunk = Buffer.from(line.repeat(1200)); // ~66 KB, lines straddle chunk edges below
    let count = 0;
    const splitter = createLineSplitter(() => count++);
    const started = performance.now();
    for (let index = 0; index < 300; index++) {
      splitter.push(chunk.subarray(0, 1000));
      splitter.push(chunk.subarray(1000));
    }
    splitter.flush();
    expect(count).toBe(1200 * 300);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
