// An append-only text file rotated by size (`file` → `file.1` … `file.N`) behind a bounded async
// write queue. Writers never wait: `write` returns false above the high-water mark (a hint to
// pause the producer until `waitForDrain`), and text beyond `maxQueueChars` is dropped and
// counted; the count is written as a notice once the disk catches up. Memory is bounded by the
// queue cap however fast the producer is. Queue sizes count string length (UTF-16 units), not
// bytes, so nothing is measured per entry; rotation cuts exactly at byte size, between entries.
// Shared by service logs and telemetry.
import { mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { shiftRotatedFiles } from './rotation.ts';

/** How a rotating file is sized and bounded. */
export interface RotatingFileOptions {
  file: string;
  /** Rotate before the file would grow past this many bytes (an entry longer than that is kept whole). */
  maxBytes: number;
  /** Rotated files kept: `file.1` (newest) … `file.N`. */
  maxFiles: number;
  /** `write` returns false once this much is queued (default 1 Mi chars). */
  highWaterChars?: number;
  /** Entries beyond this much queued are dropped and counted (default 8 Mi chars). */
  maxQueueChars?: number;
  /** Text (whole lines) written in place of dropped entries. */
  formatDropNotice?: (dropped: number) => string;
  /** Told about write/rotation failures (the entries of the failed batch are counted as dropped). */
  onError?: (error: unknown) => void;
}

const BATCH_CHARS = 512 * 1024;

/** A size-rotated file with a bounded, non-blocking write queue. */
export class RotatingFile {
  private readonly options: Required<Omit<RotatingFileOptions, 'onError'>> & Pick<RotatingFileOptions, 'onError'>;
  private queue: string[] = [];
  private queuedChars = 0;
  private droppedSinceNotice = 0;
  private droppedTotal = 0;
  private handle: FileHandle | undefined;
  private size = 0;
  private running: Promise<void> | undefined;
  private closed = false;
  private drainWaiters: (() => void)[] = [];

  constructor(options: RotatingFileOptions) {
    this.options = {
      highWaterChars: 1024 * 1024,
      maxQueueChars: 8 * 1024 * 1024,
      formatDropNotice: (dropped) => `[berth] ${dropped} entries dropped: the disk could not keep up\n`,
      ...options,
    };
  }

  /** Queues `text` (`entries` whole lines); false = dropped, or queue above high water (pause and wait). */
  write(text: string, entries = 1): boolean {
    if (this.closed) return false;
    if (this.queuedChars + text.length > this.options.maxQueueChars) {
      this.droppedSinceNotice += entries;
      this.droppedTotal += entries;
      return false;
    }
    this.queue.push(text);
    this.queuedChars += text.length;
    this.kick();
    return this.queuedChars < this.options.highWaterChars;
  }

  /** Resolves once the queue is below the high-water mark. */
  waitForDrain(): Promise<void> {
    if (this.queuedChars < this.options.highWaterChars) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Entries dropped so far because the queue was full or a write failed. */
  get dropped(): number {
    return this.droppedTotal;
  }

  /** Writes everything queued, then closes the file; later writes are refused. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.running) await this.running;
    await this.handle?.close();
    this.handle = undefined;
    this.releaseDrainWaiters();
  }

  /** Starts the pump unless it runs; restarts it for entries queued while it was finishing. */
  private kick(): void {
    if (this.running) return;
    this.running = this.pump().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0) {
      const taken = this.queue;
      this.queue = [];
      if (this.droppedSinceNotice > 0) {
        const notice = this.options.formatDropNotice(this.droppedSinceNotice);
        taken.unshift(notice);
        this.queuedChars += notice.length;
        this.droppedSinceNotice = 0;
      }
      for (let start = 0; start < taken.length; ) {
        let end = start;
        let chars = 0;
        while (end < taken.length && chars < BATCH_CHARS) chars += (taken[end++] as string).length;
        await this.writeBatch(taken.slice(start, end).join(''), end - start);
        this.queuedChars -= chars;
        if (this.queuedChars < this.options.highWaterChars) this.releaseDrainWaiters();
        start = end;
      }
    }
  }

  /** Appends whole entries, rotating between entries when the file would pass maxBytes. */
  private async writeBatch(text: string, entries: number): Promise<void> {
    let data = Buffer.from(text);
    try {
      let handle = await this.openHandle();
      while (data.length > 0) {
        const room = this.options.maxBytes - this.size;
        let cut = data.length <= room ? data.length : room > 0 ? data.lastIndexOf(10, room - 1) + 1 : 0;
        if (cut === 0 && this.size === 0) cut = data.indexOf(10) + 1 || data.length; // one entry > maxBytes
        for (let offset = 0; offset < cut; ) offset += (await handle.write(data, offset, cut - offset)).bytesWritten;
        this.size += cut;
        data = data.subarray(cut);
        if (data.length > 0) handle = await this.rotate();
      }
    } catch (error) {
      this.droppedSinceNotice += entries;
      this.droppedTotal += entries;
      await this.handle?.close().catch(() => undefined);
      this.handle = undefined;
      this.options.onError?.(error);
    }
  }

  private async openHandle(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    await mkdir(dirname(this.options.file), { recursive: true });
    const handle = await open(this.options.file, 'a', 0o644);
    this.size = (await handle.stat()).size;
    this.handle = handle;
    return handle;
  }

  /** Rotates; when renaming fails the current file just keeps growing (reported, never a loop). */
  private async rotate(): Promise<FileHandle> {
    await this.handle?.close();
    this.handle = undefined;
    const rotated = await shiftRotatedFiles(this.options.file, this.options.maxFiles).then(() => true, (error: unknown) => (this.options.onError?.(error), false));
    const handle = await this.openHandle();
    if (!rotated) this.size = 0;
    return handle;
  }

  private releaseDrainWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
