// Frames a child's byte stream into text lines. Bytes are gathered until "\n" (found with
// Buffer#indexOf, never a per-byte loop) and only then decoded, so a UTF-8 character split across
// chunks is whole again; invalid bytes decode to U+FFFD without disturbing framing. A trailing
// "\r" is dropped (CRLF). A line longer than `maxLineBytes` is emitted in pieces cut on a character
// boundary: every piece but the last ends with CONTINUATION_MARK and is flagged `continued`, so
// memory per stream never exceeds about `maxLineBytes` whatever the child prints.

/** Appended to each piece of an over-long line that continues in the next piece. */
export const CONTINUATION_MARK = '…';
/** Default longest line kept whole: 64 KiB. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

/** Receives one line (without its newline); `continued` = more of the same line follows. */
export type LineHandler = (line: string, continued: boolean) => void;

/** The push/flush pair returned by createLineSplitter. */
export interface LineSplitter {
  /** Feeds the next chunk of bytes; complete lines are emitted synchronously. */
  push(chunk: Uint8Array): void;
  /** Emits a final unterminated line, if any (call when the stream ends). */
  flush(): void;
}

/** How a splitter frames lines. */
export interface LineSplitterOptions {
  /** Longest line emitted whole (default 64 KiB). */
  maxLineBytes?: number;
  /**
   * Bytes at the end of a piece of an over-long line to move to the next piece (the start of a
   * secret value, which must not be cut in two: each half would escape redaction).
   */
  holdBack?: (piece: Buffer) => number;
}

/** Creates a splitter that calls `onLine` for every line framed out of the pushed bytes. */
export function createLineSplitter(onLine: LineHandler, options: LineSplitterOptions = {}): LineSplitter {
  const maxLineBytes = Math.max(4, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  // Bytes of the current, not yet terminated line (always < maxLineBytes, owned copies).
  let pending: Buffer[] = [];
  let pendingBytes = 0;

  const emit = (bytes: Buffer, start: number, end: number): void => {
    if (end > start && bytes[end - 1] === 13) end -= 1;
    onLine(bytes.toString('utf8', start, end), false);
  };

  // Emits maxLineBytes-sized pieces of `bytes` while more than maxLineBytes remain; returns the rest.
  const emitPieces = (bytes: Buffer): Buffer => {
    let start = 0;
    while (bytes.length - start > maxLineBytes) {
      let cut = characterBoundary(bytes, start + maxLineBytes, start);
      const held = options.holdBack?.(bytes.subarray(start, cut)) ?? 0;
      if (held > 0 && cut - held > start) cut -= held;
      onLine(bytes.toString('utf8', start, cut) + CONTINUATION_MARK, true);
      start = cut;
    }
    return bytes.subarray(start);
  };

  const keep = (bytes: Buffer): void => {
    if (bytes.length === 0) return;
    pending.push(Buffer.from(bytes)); // copy: never pin the caller's whole chunk for a short tail
    pendingBytes += bytes.length;
  };

  const takePending = (tail: Buffer): Buffer => {
    const whole = pending.length === 0 ? tail : Buffer.concat([...pending, tail], pendingBytes + tail.length);
    pending = [];
    pendingBytes = 0;
    return whole;
  };

  return {
    push(chunk) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      let start = 0;
      for (let newline = bytes.indexOf(10, start); newline !== -1; newline = bytes.indexOf(10, start)) {
        if (pendingBytes === 0 && newline - start <= maxLineBytes) {
          emit(bytes, start, newline);
        } else {
          let line = takePending(bytes.subarray(start, newline));
          if (line.length > 0 && line[line.length - 1] === 13) line = line.subarray(0, line.length - 1);
          const rest = emitPieces(line);
          onLine(rest.toString('utf8'), false);
        }
        start = newline + 1;
      }
      if (start >= bytes.length) return;
      const tail = bytes.subarray(start);
      if (pendingBytes + tail.length <= maxLineBytes) keep(tail);
      else keep(emitPieces(takePending(tail)));
    },
    flush() {
      if (pendingBytes === 0) return;
      const line = takePending(Buffer.alloc(0));
      emit(line, 0, line.length);
    },
  };
}

/** The largest index ≤ `cut` (and > `floor`) that does not fall inside a UTF-8 sequence. */
function characterBoundary(bytes: Buffer, cut: number, floor: number): number {
  for (let index = cut; index > floor && index > cut - 4; index -= 1) {
    if (((bytes[index] ?? 0) & 0xc0) !== 0x80) return index;
  }
  return cut; // not valid UTF-8 here anyway: cut anywhere, the decoder marks it with U+FFFD
}
