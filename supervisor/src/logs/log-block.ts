// The complete lines of one chunk of child output, kept as the bytes they arrived in: each line
// ends with "\n" (no "\r" before it), the bytes are valid UTF-8 and already redacted. Text is
// decoded only when someone reads it (a tail, a subscriber, a log probe) and then once; prefixed
// copies (log file framing, the `name | ` echo) are built byte-wise from the line offsets, found
// once (by the splitter, which hands them over) and written straight into the destination (the
// log file's write buffer) without an intermediate copy. This is what lets capture keep up with a
// raw pipe: the hot path never makes strings and allocates nothing per line.
//
// Blocks stay in memory after capture (the tail ring, the event bus's replay), bounded by their
// `byteLength`. Once capture is done with the bytes (`settle`), a block holds its text or its
// bytes, never both: decoding a settled block drops the bytes, so what a holder counts is what it
// holds (text takes one byte per character in V8, two for a block with characters past U+00FF).

/** A block of complete output lines. */
export class LogBlock {
  /** The lines' size as UTF-8, "\n"s included: what holders of blocks count against their bounds. */
  readonly byteLength: number;
  /** How many lines the block holds. */
  readonly lines: number;
  /** Lines, each ending with "\n"; dropped once the block is settled and decoded. */
  private raw: Buffer | undefined;
  private decoded: string | undefined;
  private ends: Int32Array | undefined;
  private settled = false;

  /** `ends`, when the caller already scanned for them: the offset just past each line's "\n". */
  constructor(bytes: Buffer, lines: number, ends?: Int32Array) {
    this.raw = bytes;
    this.byteLength = bytes.length;
    this.lines = lines;
    this.ends = ends;
  }

  /** Lines, each ending with "\n" (encoded again from the text if a settled block let them go). */
  get bytes(): Buffer {
    return this.raw ?? Buffer.from(`${this.decoded ?? ''}\n`);
  }

  /** A block from text lines joined by "\n" (no trailing newline); slow paths and tests. */
  static fromText(text: string, lines = countLines(text)): LogBlock {
    const block = new LogBlock(Buffer.from(`${text}\n`), lines);
    block.decoded = text;
    return block;
  }

  /** The lines joined by "\n" (no trailing newline), decoded on first use. */
  text(): string {
    if (this.decoded === undefined) {
      const bytes = this.bytes;
      this.decoded = bytes.toString('utf8', 0, bytes.length - 1);
    }
    if (this.settled) this.dropBytes();
    return this.decoded;
  }

  /**
   * Capture is done with the bytes (framed into the log file, echoed, published): from now on the
   * block keeps its text or its bytes, not both.
   */
  settle(): void {
    this.settled = true;
    if (this.decoded !== undefined) this.dropBytes();
  }

  private dropBytes(): void {
    this.raw = undefined;
    this.ends = undefined;
  }

  /** The lines as strings. */
  split(): string[] {
    return this.lines === 1 ? [this.text()] : this.text().split('\n');
  }

  /** The last `count` lines (or fewer), decoding only them. */
  lastLines(count: number): string[] {
    if (this.lines <= count) return this.split();
    if (this.decoded !== undefined) return this.decoded.split('\n').slice(-count);
    const bytes = this.bytes;
    let start = bytes.length - 1;
    for (let found = 0; found < count; found++) start = bytes.lastIndexOf(10, start - 1);
    return bytes.toString('utf8', start + 1, bytes.length - 1).split('\n');
  }

  /** A copy with `prefix` before every line. */
  prefixed(prefix: Uint8Array): Buffer {
    const out = Buffer.allocUnsafe(this.prefixedLength(prefix));
    this.writePrefixed(prefix, out, 0);
    return out;
  }

  /** Bytes of the copy with `prefix` before every line. */
  prefixedLength(prefix: Uint8Array): number {
    return this.byteLength + prefix.length * this.lines;
  }

  /** Writes the prefixed copy into `target` at `at` (room for prefixedLength bytes is the caller's). */
  writePrefixed(prefix: Uint8Array, target: Uint8Array, at: number): void {
    const ends = this.lineEnds();
    // The lines go to the end of the region in one copy, then each moves down behind its prefix:
    // copyWithin needs no view object per line (those dominated the garbage collector's work).
    const base = at + prefix.length * this.lines;
    target.set(this.bytes, base);
    let offset = at;
    let start = 0;
    for (let index = 0; index < ends.length; index++) {
      const end = ends[index] as number;
      target.set(prefix, offset);
      offset += prefix.length;
      target.copyWithin(offset, base + start, base + end);
      offset += end - start;
      start = end;
    }
  }

  /** Offsets just past each "\n", found once (by the splitter, or here on first use). */
  private lineEnds(): Int32Array {
    if (this.ends === undefined) {
      const bytes = this.bytes;
      this.ends = lineEndsOf(bytes, 0, bytes.length - 1);
    }
    return this.ends;
  }
}
/** Scratch for lineEndsOf: grown to the longest chunk's line count, reused for every chunk. */
let scratchEnds = new Int32Array(1024);

/**
 * The offsets (relative to `start`) just past each "\n" in bytes[start..last], found with native
 * indexOf. The splitter hands them to the block it makes: framing the log file then needs no
 * second scan.
 */
export function lineEndsOf(bytes: Buffer, start: number, last: number): Int32Array {
  let lines = 0;
  for (let at = bytes.indexOf(10, start); at !== -1 && at <= last; at = bytes.indexOf(10, at + 1)) {
    if (lines === scratchEnds.length) {
      const grown = new Int32Array(lines * 2);
      grown.set(scratchEnds);
      scratchEnds = grown;
    }
    scratchEnds[lines++] = at + 1 - start;
  }
  return scratchEnds.slice(0, lines);
}

/** Lines in text joined by "\n" (no trailing newline), counted without splitting it. */
export function countLines(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  return lines;
}
