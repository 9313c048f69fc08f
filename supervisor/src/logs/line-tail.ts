// The in-memory tail of one service's output: single lines and multi-line blocks (from the block
// splitter) in arrival order, trimmed from the oldest end so it holds about `maxLines` lines and
// never more than `maxChars` characters (bytes for blocks; the newest entry is always kept). Blocks
// are decoded and split into lines only when a tail is asked for.
import type { LogLine } from '../control/contract.ts';
import type { LogBlock } from './log-block.ts';

type Stream = LogLine['stream'];
/** Several lines that arrived together (joined by "\n"). */
interface BlockEntry {
  readonly block: LogBlock;
  readonly stream: Stream;
  readonly at: string;
}
type Entry = LogLine | BlockEntry;

/** Bounded tail of a service's lines. */
export class LineTail {
  private entries: (Entry | undefined)[] = [];
  private head = 0;
  private lineCount = 0;
  private charCount = 0;
  private readonly service: string;
  private readonly maxLines: number;
  private readonly maxChars: number;
  private readonly lineChars: number;

  constructor(options: { service: string; maxLines: number; maxChars: number; lineChars: number }) {
    this.service = options.service;
    this.maxLines = options.maxLines;
    this.maxChars = options.maxChars;
    this.lineChars = options.lineChars;
  }

  /** Adds one line (cut to lineChars with "…"). */
  pushLine(line: LogLine): void {
    this.add(line.line.length > this.lineChars ? { ...line, line: `${line.line.slice(0, this.lineChars)}…` } : line);
  }

  /** Adds the lines of a block. */
  pushBlock(block: LogBlock, stream: Stream, at: string): void {
    this.add({ block, stream, at });
  }

  /** The newest `n` lines, oldest first. */
  last(n: number): LogLine[] {
    const wanted = Math.max(0, Math.min(Math.floor(n), this.maxLines));
    const out: LogLine[] = [];
    for (let index = this.entries.length - 1; index >= this.head && out.length < wanted; index--) {
      const entry = this.entries[index] as Entry;
      if (!('block' in entry)) {
        out.push(entry);
        continue;
      }
      const lines = entry.block.split();
      for (let line = lines.length - 1; line >= 0 && out.length < wanted; line--) {
        const text = lines[line] as string;
        out.push({ service: this.service, stream: entry.stream, at: entry.at, line: text.length > this.lineChars ? `${text.slice(0, this.lineChars)}…` : text });
      }
    }
    return out.reverse();
  }

  private add(entry: Entry): void {
    this.entries.push(entry);
    this.lineCount += linesOf(entry);
    this.charCount += charsOf(entry);
    while (this.entries.length - this.head > 1) {
      const oldest = this.entries[this.head] as Entry;
      if (this.lineCount - linesOf(oldest) < this.maxLines && this.charCount <= this.maxChars) break;
      this.lineCount -= linesOf(oldest);
      this.charCount -= charsOf(oldest);
      this.entries[this.head] = undefined; // release it now, not at the next compaction
      this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}

const linesOf = (entry: Entry): number => ('block' in entry ? entry.block.lines : 1);
const charsOf = (entry: Entry): number => ('block' in entry ? entry.block.byteLength : entry.line.length);
