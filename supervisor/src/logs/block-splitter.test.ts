import { describe, expect, it } from 'vitest';
import { createBlockSplitter } from './block-splitter.ts';
import { createLineSplitter } from './line-splitter.ts';

/** Lines (with continued flags) that the block splitter yields for these chunks. */
function viaBlocks(chunks: Uint8Array[], maxLineBytes: number): [string, boolean][] {
  const out: [string, boolean][] = [];
  const splitter = createBlockSplitter(
    (block, continued) => {
      const parts = block.split();
      expect(parts).toHaveLength(block.lines);
      expect(block.bytes.at(-1)).toBe(10);
      // The line ends the splitter hands over frame the block exactly like a fresh scan would.
      expect(block.prefixed(Buffer.from('> ')).toString()).toBe(parts.map((part) => `> ${part}\n`).join(''));
      for (const part of parts) out.push([part, continued]);
    },
    { maxLineBytes },
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.flush();
  return out;
}

/** The same through the line splitter (the reference). */
function viaLines(chunks: Uint8Array[], maxLineBytes: number): [string, boolean][] {
  const out: [string, boolean][] = [];
  const splitter = createLineSplitter((line, continued) => out.push([line, continued]), { maxLineBytes });
  for (const chunk of chunks) splitter.push(chunk);
  splitter.flush();
  return out;
}

/** Cuts `bytes` at pseudo-random points (deterministic per seed). */
function chop(bytes: Buffer, seed: number, maxPiece: number): Buffer[] {
  const pieces: Buffer[] = [];
  let state = seed;
  for (let start = 0; start < bytes.length; ) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const size = 1 + (state % maxPiece);
    pieces.push(bytes.subarray(start, start + size));
    start += size;
  }
  return pieces;
}

const SAMPLE = Buffer.concat([
  Buffer.from('plain\nCRLF line\r\n\n\nlone\rcr\n€uro split ✓\n'),
  Buffer.from([0x62, 0x61, 0x64, 0xff, 0xe2, 0x82, 0x0a]),
  Buffer.from(`${'L'.repeat(300)}\n${'€'.repeat(70)}\r\nshort\n${'M'.repeat(128)}\r\n${'N'.repeat(129)}\nend without newline`),
]);

describe('createBlockSplitter', () => {
  it.each([1, 2, 3, 7, 64, 200, 5000])('frames exactly like the line splitter when chunks are at most %i bytes', (maxPiece) => {
    for (let seed = 1; seed <= 20; seed++) {
      const chunks = chop(SAMPLE, seed, maxPiece);
      expect(viaBlocks(chunks, 128)).toEqual(viaLines(chunks, 128));
    }
  });

  it('emits one block per chunk of complete lines', () => {
    const blocks: [string, number][] = [];
    const splitter = createBlockSplitter((block) => blocks.push([block.text(), block.lines]));
    splitter.push(Buffer.from('a\nb\r\nc\npartial'));
    splitter.push(Buffer.from(' end\nx\ny\n'));
    splitter.flush();
    expect(blocks).toEqual([
      ['a\nb\nc', 3],
      ['partial end', 1],
      ['x\ny', 2],
    ]);
  });
});
