// One service's output: every line goes to `logs/<service>.log` as `<ISO time> <stream> <line>`
// (size-rotated, through RotatingFile's bounded queue) and into a bounded in-memory ring that
// serves /logs/tail and the "last lines" of a failure. Memory is bounded by the queue cap plus
// ringChars, whatever the service prints. `append` takes one line; `appendBlock` takes the
// lines of a whole chunk at once (createBlockSplitter), the fast path for chatty services: the
// block's bytes are framed (each line prefixed) straight into the file's write queue, nothing is
// decoded.
import { basename } from 'node:path';
import type { LogLine } from '../control/contract.ts';
import { LineTail } from './line-tail.ts';
import type { LogBlock } from './log-block.ts';
import { RotatingFile } from './rotating-file.ts';

/** Where a service's log goes and how much of it is kept. */
export interface ServiceLogOptions {
  /** `<logsDir>/<service>.log` */
  file: string;
  /** Service name for tail lines of blocks (default: the file name without ".log"). */
  service?: string;
  maxBytes: number;
  maxFiles: number;
  /** Lines kept in memory for tails (default 1000). */
  ringLines?: number;
  /** Longer lines are cut (with "…") in the ring only; the file keeps them whole (default 8192). */
  ringLineChars?: number;
  /** The ring never holds more characters than this (default 8 Mi; the newest entry always stays). */
  ringChars?: number;
  /** Backpressure hint threshold of the write queue, in bytes (default 4 MiB). */
  highWaterBytes?: number;
  /** Lines beyond this many queued bytes are dropped and counted (default 16 MiB). */
  maxQueueBytes?: number;
  onError?: (error: unknown) => void;
}

/** Formats one log file line (pure): `<at> <stream> <text>\n`, embedded newlines escaped. */
export function formatLogFileLine(line: LogLine): string {
  const text = line.line.includes('\n') || line.line.includes('\r') ? line.line.replace(/\r/g, '\\r').replace(/\n/g, '\\n') : line.line;
  return `${line.at} ${line.stream} ${text}\n`;
}

/** Formats a block of lines (joined by "\n") for the log file in one pass (pure). */
export function formatLogFileBlock(block: string, stream: LogLine['stream'], at: string): string {
  const prefix = `${at} ${stream} `;
  const text = block.includes('\r') ? block.replace(/\r/g, '\\r') : block;
  return `${prefix}${text.replaceAll('\n', `\n${prefix}`)}\n`;
}

/** A service's rotated log file plus its in-memory tail. */
export class ServiceLog {
  private readonly ring: LineTail;
  private readonly file: RotatingFile;
  /** The last file-line prefix made (`<at> <stream> `): chunks of one millisecond share it. */
  private prefix = { stream: '', at: '', bytes: Buffer.alloc(0) };

  constructor(options: ServiceLogOptions) {
    this.ring = new LineTail({
      service: options.service ?? basename(options.file).replace(/\.log$/, ''),
      maxLines: options.ringLines ?? 1000,
      maxChars: options.ringChars ?? 8 * 1024 * 1024,
      lineChars: options.ringLineChars ?? 8192,
    });
    this.file = new RotatingFile({
      file: options.file,
      maxBytes: options.maxBytes,
      maxFiles: options.maxFiles,
      ...(options.highWaterBytes === undefined ? {} : { highWaterBytes: options.highWaterBytes }),
      ...(options.maxQueueBytes === undefined ? {} : { maxQueueBytes: options.maxQueueBytes }),
      ...(options.onError === undefined ? {} : { onError: options.onError }),
      formatDropNotice: (dropped) => `${new Date().toISOString()} stderr [berth] ${dropped} lines dropped: the disk could not keep up\n`,
    });
  }

  /**
   * Records a line (ring always; file unless the queue is full). Returns false when the line was
   * dropped from the file or the queue is above high water: pause the source until waitForDrain().
   */
  append(line: LogLine): boolean {
    this.ring.pushLine(line);
    return this.file.write(formatLogFileLine(line));
  }

  /**
   * Records the lines of a block (from createBlockSplitter, already redacted) in one go: the fast
   * path for chatty services. Same return value as append.
   */
  appendBlock(block: LogBlock, stream: LogLine['stream'], at: string): boolean {
    this.ring.pushBlock(block, stream, at);
    // A "\r" left inside a line is escaped in the file: rare, so that block takes the string path.
    if (block.bytes.includes(13)) return this.file.write(formatLogFileBlock(block.text(), stream, at), block.lines);
    // Framed straight into the file's write queue: no copy of the block is made per chunk.
    const prefix = this.prefixOf(stream, at);
    return this.file.writeInto(block.prefixedLength(prefix), block.lines, (target, offset) => block.writePrefixed(prefix, target, offset));
  }

  private prefixOf(stream: LogLine['stream'], at: string): Buffer {
    if (this.prefix.at !== at || this.prefix.stream !== stream) this.prefix = { stream, at, bytes: Buffer.from(`${at} ${stream} `) };
    return this.prefix.bytes;
  }

  /** The newest `n` lines, oldest first (bounded by ringLines). */
  tail(n: number): LogLine[] {
    return this.ring.last(n);
  }

  /** Resolves when the write queue is below its high-water mark again. */
  waitForDrain(): Promise<void> {
    return this.file.waitForDrain();
  }

  /** Lines that never reached the file (queue full or write errors). */
  get dropped(): number {
    return this.file.dropped;
  }

  /** Flushes queued lines and closes the file; the ring stays readable. */
  close(): Promise<void> {
    return this.file.close();
  }
}
