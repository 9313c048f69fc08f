// The throughput path of line framing: instead of one string per line, each pushed chunk yields
// one LogBlock holding all the complete lines it finished, as a slice of the chunk's own bytes
// (no copy, no decoding). Redaction, log-file framing (ServiceLog.appendBlock) and terminal
// prefixes then work per block on bytes, which is what makes capture keep up with a raw pipe.
// Same framing rules as createLineSplitter: CRLF → LF, invalid bytes → U+FFFD (such blocks, and
// those holding "\r", take a decoding pass), lines longer than maxLineBytes emitted as their own
// pieces ending in CONTINUATION_MARK.
import { isUtf8 } from 'node:buffer';
import { LogBlock, lineEndsOf } from './log-block.ts';
import { DEFAULT_MAX_LINE_BYTES, createLineSplitter, type LineSplitterOptions } from './line-splitter.ts';

/** Receives a block of complete lines; `continued` = a piece of an over-long line. */
export type BlockHandler = (block: LogBlock, continued: boolean) => void;

/** The push/flush pair returned by createBlockSplitter. */
export interface BlockSplitter {
  push(chunk: Uint8Array): void;
  flush(): void;
}

/** Creates a splitter that emits the complete lines of each chunk as one block. */
export function createBlockSplitter(onBlock: BlockHandler, options: LineSplitterOptions = {}): BlockSplitter {
  const maxLineBytes = Math.max(4, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  // Partial lines, over-long lines and the last unterminated line go through the line splitter.
  const slow = createLineSplitter((line, continued) => onBlock(LogBlock.fromText(line, 1), continued), { ...options, maxLineBytes });
  let carrying = false; // the line splitter holds the start of an unfinished line

  return {
    push(chunk) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      let start = 0;
      if (carrying) {
        const newline = bytes.indexOf(10);
        if (newline === -1) {
          slow.push(bytes);
          return;
        }
        slow.push(bytes.subarray(0, newline + 1));
        carrying = false;
        start = newline + 1;
      }
      const last = bytes.lastIndexOf(10);
      if (last < start) {
        if (start < bytes.length) {
          slow.push(bytes.subarray(start));
          carrying = true;
        }
        return;
      }
      if (last - start <= maxLineBytes) {
        // No line in [start, last] can be over-long: one block, its line ends found once here.
        const ends = lineEndsOf(bytes, start, last);
        emitBlock(bytes, start, last, ends.length, onBlock, ends);
      } else {
        // [start, last] holds whole lines; emit runs of short lines as blocks, long lines alone.
        let blockStart = start;
        let lines = 0;
        for (let lineStart = start; lineStart <= last; ) {
          const newline = bytes.indexOf(10, lineStart);
          const length = newline - lineStart - (bytes[newline - 1] === 13 && newline > lineStart ? 1 : 0);
          if (length > maxLineBytes) {
            if (lines > 0) emitBlock(bytes, blockStart, lineStart - 1, lines, onBlock);
            slow.push(bytes.subarray(lineStart, newline + 1));
            blockStart = newline + 1;
            lines = 0;
          } else {
            lines += 1;
          }
          lineStart = newline + 1;
        }
        if (lines > 0) emitBlock(bytes, blockStart, last, lines, onBlock);
      }
      if (last + 1 < bytes.length) {
        slow.push(bytes.subarray(last + 1));
        carrying = true;
      }
    },
    flush() {
      slow.flush();
      carrying = false;
    },
  };
}

/** Emits bytes[start..end] (end = the last line's "\n") as a block; "\r" or bad UTF-8 → decoded. */
function emitBlock(bytes: Buffer, start: number, end: number, lines: number, onBlock: BlockHandler, ends?: Int32Array): void {
  const region = bytes.subarray(start, end + 1);
  if (region.indexOf(13) === -1 && isUtf8(region)) {
    onBlock(new LogBlock(region, lines, ends), false);
    return;
  }
  const text = region.toString('utf8', 0, region.length - 1);
  onBlock(LogBlock.fromText(text.includes('\r') ? text.replace(/\r(?=\n|$)/g, '') : text, lines), false);
}
