// An append-only file rotated by size (`file` → `file.1` … `file.N`) behind a bounded async
// write queue. Writers never wait: `write` returns false above the high-water mark (a hint to
// pause the producer until `waitForDrain`), and entries beyond `maxQueueBytes` are dropped and
// counted; the count is written as a notice once the disk catches up. Memory is bounded by the
// queue cap however fast the producer is. The queue is one byte buffer that entries are copied
// (or, with `writeInto`, framed) straight into; each round trip to the thread pool writes all of
// it with one call while a second buffer takes new entries, and the written buffer is reused
// for the next round. A fast producer so costs one await per batch, not per entry, and no
// allocation per entry: a fresh buffer per chunk, promoted while queued, made the garbage
// collector run a full mark-compact every few MB of captured output. Rotation cuts exactly at
// byte size, on a line boundary, in as few awaits as it can: each is a round trip through a busy
// loop (3-5 ms while a service prints flat out), and a 9-step rotation held the queue past its
// high-water mark, pausing the service, at every cut. Shared by service logs and telemetry.
import { access, mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { renameIfExists, shiftOlderRotatedFiles } from './rotation.ts';

/** How a rotating file is sized and bounded. */
export interface RotatingFileOptions {
  file: string;
  /** Rotate before the file would grow past this many bytes (a line longer than that is kept whole). */
  maxBytes: number;
  /** Rotated files kept: `file.1` (newest) … `file.N`. */
  maxFiles: number;
  /** `write` returns false once this many bytes are queued (default 4 MiB). */
  highWaterBytes?: number;
  /** Entries beyond this many queued bytes are dropped and counted (default 16 MiB). */
  maxQueueBytes?: number;
  /** Text (whole lines) written in place of dropped entries. */
  formatDropNotice?: (dropped: number) => string;
  /** Told about write/rotation failures (the entries of the failed batch are counted as dropped). */
  onError?: (error: unknown) => void;
  /** Quiet time after which a burst's big write buffers are released (default 2000 ms). */
  trimAfterMs?: number;
  /**
   * How long a first entry waits for others before the write starts (default 0: at once). A file
   * nobody reads live (telemetry) takes a batch a write instead of a write per turn of a busy loop;
   * `close` writes what waits at once.
   */
  batchDelayMs?: number;
}

/** Capacity of a fresh queue buffer; it grows by doubling while a burst outruns the disk. */
const INITIAL_BUFFER_BYTES = 64 * 1024;
/** Queue buffers above this size are let go once the file has been quiet for TRIM_AFTER_MS. */
const KEPT_BUFFER_BYTES = 256 * 1024;
/**
 * Default quiet time before a burst's big buffers are released. Not at once: a steady stream
 * empties the queue between batches all the time, and reallocating then is the churn the reuse
 * avoids.
 */
const TRIM_AFTER_MS = 2000;
const NO_BYTES = Buffer.alloc(0);

/** Writes exactly the announced number of bytes into `target` from offset `at`. */
export type FillBytes = (target: Buffer, at: number) => void;

/** A size-rotated file with a bounded, non-blocking write queue. */
export class RotatingFile {
  private readonly options: Required<Omit<RotatingFileOptions, 'onError'>> & Pick<RotatingFileOptions, 'onError'>;
  /** Entries waiting for the next batch, in bytes [0, filled). */
  private filling: Buffer = NO_BYTES;
  private filled = 0;
  private queuedEntries = 0;
  /** The buffer being written. */
  private writing: Buffer | undefined;
  /** A written batch's buffer, reused for the next one. */
  private spare: Buffer | undefined;
  /** Bytes waiting or being written (the bound of maxQueueBytes and highWaterBytes). */
  private queuedBytes = 0;
  private droppedSinceNotice = 0;
  private droppedTotal = 0;
  private handle: FileHandle | undefined;
  private size = 0;
  private running: Promise<void> | undefined;
  private closed = false;
  private drainWaiters: (() => void)[] = [];
  private trimTimer: NodeJS.Timeout | undefined;
  private batchTimer: NodeJS.Timeout | undefined;
  /** The last rotation's work behind the writes (close, shift, staged → .1). */
  private rotating: Promise<void> = Promise.resolve();
  /** A rotation's staged file could not be moved to .1: later ones keep the current file growing. */
  private stagedLeft = false;

  constructor(options: RotatingFileOptions) {
    this.options = {
      highWaterBytes: 4 * 1024 * 1024,
      maxQueueBytes: 16 * 1024 * 1024,
      formatDropNotice: (dropped) => `[berth] ${dropped} entries dropped: the disk could not keep up\n`,
      trimAfterMs: TRIM_AFTER_MS,
      batchDelayMs: 0,
      ...options,
    };
  }

  /** Queues `data` (`entries` whole lines); false = dropped, or queue above high water (pause and wait). */
  write(data: string | Buffer, entries = 1): boolean {
    if (typeof data === 'string') return this.writeInto(Buffer.byteLength(data), entries, (target, at) => void target.write(data, at));
    return this.writeInto(data.length, entries, (target, at) => target.set(data, at));
  }

  /**
   * Queues `bytes` bytes (`entries` whole lines) that `fill` writes straight into the queue, so a
   * framed copy is made once, in place. Same return value as write; `fill` is not called when the
   * entries are dropped.
   */
  writeInto(bytes: number, entries: number, fill: FillBytes): boolean {
    if (this.closed) return false;
    if (this.queuedBytes + bytes > this.options.maxQueueBytes) {
      this.droppedSinceNotice += entries;
      this.droppedTotal += entries;
      return false;
    }
    this.reserve(bytes);
    fill(this.filling, this.filled);
    this.filled += bytes;
    this.queuedBytes += bytes;
    this.queuedEntries += entries;
    this.kick();
    return this.queuedBytes < this.options.highWaterBytes;
  }

  /** Resolves once the queue is below the high-water mark. */
  waitForDrain(): Promise<void> {
    if (this.queuedBytes < this.options.highWaterBytes) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Bytes of write buffers held (queued or kept for reuse): bounded, and small again when quiet. */
  get heldBytes(): number {
    return this.filling.length + (this.spare?.length ?? 0) + (this.writing?.length ?? 0);
  }

  /** Entries dropped so far because the queue was full or a write failed. */
  get dropped(): number {
    return this.droppedTotal;
  }

  /** Writes everything queued, then closes the file; later writes are refused. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.batchTimer !== undefined) {
      clearTimeout(this.batchTimer);
      this.batchTimer = undefined;
      this.startPump();
    }
    while (this.running) await this.running;
    await this.rotating;
    clearTimeout(this.trimTimer); // after the pump: its end may have scheduled one
    this.filling = NO_BYTES;
    this.spare = undefined;
    await this.handle?.close();
    this.handle = undefined;
    this.releaseDrainWaiters();
  }

  /** Makes room for `bytes` more in the filling buffer: the spare, or a bigger one (content kept). */
  private reserve(bytes: number): void {
    const needed = this.filled + bytes;
    if (needed <= this.filling.length) return;
    if (this.filled === 0 && this.spare !== undefined && needed <= this.spare.length) {
      this.filling = this.spare;
      this.spare = undefined;
      return;
    }
    const grown = Buffer.allocUnsafeSlow(Math.max(needed, INITIAL_BUFFER_BYTES, this.filling.length * 2));
    this.filling.copy(grown, 0, 0, this.filled);
    this.filling = grown;
  }

  /** Starts the pump (after batchDelayMs) unless it runs or waits to. */
  private kick(): void {
    if (this.running !== undefined || this.batchTimer !== undefined) return;
    if (this.options.batchDelayMs <= 0) return this.startPump();
    this.batchTimer = setTimeout(() => {
      this.batchTimer = undefined;
      this.startPump();
    }, this.options.batchDelayMs);
  }

  /** Starts the pump unless it runs; restarts it for entries queued while it was finishing. */
  private startPump(): void {
    if (this.running) return;
    this.running = this.pump().finally(() => {
      this.running = undefined;
      if (this.filled > 0) this.kick();
    });
  }

  private async pump(): Promise<void> {
    while (this.filled > 0) {
      const buffer = this.filling;
      const bytes = this.filled;
      const entries = this.queuedEntries;
      // New entries go to the spare (or a fresh buffer) while this one is being written.
      this.filling = this.spare ?? NO_BYTES;
      this.spare = undefined;
      this.filled = 0;
      this.queuedEntries = 0;
      const batch = [buffer.subarray(0, bytes)];
      const noticed = this.droppedSinceNotice;
      const notice = noticed > 0 ? Buffer.from(this.options.formatDropNotice(noticed)) : undefined;
      if (notice !== undefined) {
        batch.unshift(notice);
        this.droppedSinceNotice = 0;
      }
      this.writing = buffer;
      const written = await this.writeBatch(batch, entries);
      this.writing = undefined;
      // A notice that never reached the file is owed again, with its count, by the next batch.
      if (notice !== undefined && written < notice.length) this.droppedSinceNotice += noticed;
      this.queuedBytes -= bytes;
      this.keep(buffer);
      if (this.queuedBytes < this.options.highWaterBytes) this.releaseDrainWaiters();
    }
    if (this.filling.length > KEPT_BUFFER_BYTES || (this.spare?.length ?? 0) > KEPT_BUFFER_BYTES) this.scheduleTrim();
  }

  /** Keeps a written buffer as the spare (the bigger of the two, so a burst needs no regrowth). */
  private keep(buffer: Buffer): void {
    if (this.spare === undefined || this.spare.length < buffer.length) this.spare = buffer;
  }

  /** Releases a burst's big buffers once nothing was queued for TRIM_AFTER_MS. */
  private scheduleTrim(): void {
    if (this.trimTimer !== undefined) {
      this.trimTimer.refresh();
      return;
    }
    this.trimTimer = setTimeout(() => {
      this.trimTimer = undefined;
      if (this.running !== undefined || this.filled > 0) return; // the pump's end schedules it again
      if (this.filling.length > KEPT_BUFFER_BYTES) this.filling = NO_BYTES;
      if ((this.spare?.length ?? 0) > KEPT_BUFFER_BYTES) this.spare = undefined;
    }, this.options.trimAfterMs).unref();
  }

  /**
   * Appends `buffers` (whole lines), rotating on a line boundary when the file would pass maxBytes.
   * Returns the bytes of `buffers` that reached the file (all of them unless it failed).
   */
  private async writeBatch(buffers: Buffer[], entries: number): Promise<number> {
    const progress = { bytes: 0 };
    try {
      let handle = await this.openHandle();
      let pending = buffers;
      while (pending.length > 0) {
        const [now, rest] = cutAt(pending, this.options.maxBytes - this.size, this.size === 0);
        this.size += await writeFully(handle, now, progress);
        pending = rest;
        if (pending.length > 0) handle = await this.rotate();
      }
    } catch (error) {
      this.droppedSinceNotice += entries;
      this.droppedTotal += entries;
      await this.handle?.close().catch(() => undefined);
      this.handle = undefined;
      this.options.onError?.(error);
    }
    return progress.bytes;
  }

  /**
   * Opens the file for appending. A file that does not end with "\n" (a write cut short by an
   * error or a crash) gets one first, so the next line starts on a line of its own.
   */
  private async openHandle(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    await mkdir(dirname(this.options.file), { recursive: true });
    // A rotation cut short (a crash between staging the full file and moving it to .1) ends now.
    if (await exists(stagingName(this.options.file))) await this.finishRotation(stagingName(this.options.file));
    const handle = await open(this.options.file, 'a+', 0o644);
    try {
      this.size = (await handle.stat()).size;
      if (this.size > 0) {
        const { buffer } = await handle.read(Buffer.alloc(1), 0, 1, this.size - 1);
        if (buffer[0] !== 10) this.size += (await handle.write('\n')).bytesWritten;
      }
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    this.handle = handle;
    return handle;
  }

  /**
   * Rotates with the writes stalled for two steps only: the full file is renamed to a staging name
   * and a new one opened; closing the full file, shifting the older ones up and moving the staged
   * file to `file.1` run behind the writes (each rotation after the previous one's). The five
   * renames and a close in line cost ≈ 6 ms a rotation on the bench machine, which at 10 MB a file
   * held the producer for a third of the time at full speed. When renaming fails the current file
   * just keeps growing (reported, never a loop).
   */
  private async rotate(): Promise<FileHandle> {
    const reported = (error: unknown) => (this.options.onError?.(error), false);
    const full = this.handle;
    await this.rotating;
    const staged = stagingName(this.options.file);
    // A staged file the last rotation could not move on (its shift failed) is never overwritten.
    if (this.stagedLeft || !(await renameIfExists(this.options.file, staged).then(() => true, reported))) {
      this.handle = full ?? (await this.openHandle());
      this.size = 0;
      return this.handle;
    }
    // A new file in a folder that exists: no mkdir, and its size is 0.
    this.handle = await open(this.options.file, 'a', 0o644);
    this.size = 0;
    this.rotating = Promise.all([full?.close(), this.finishRotation(staged)]).then(
      () => undefined,
      (error: unknown) => {
        this.stagedLeft = true;
        reported(error);
      },
    );
    return this.handle;
  }

  /** Moves a staged full file to `file.1`, the older ones up first (the oldest falls off). */
  private async finishRotation(staged: string): Promise<void> {
    await shiftOlderRotatedFiles(this.options.file, this.options.maxFiles);
    await renameIfExists(staged, `${this.options.file}.1`);
  }

  private releaseDrainWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** Where a full file waits, during a rotation, to become `file.1` (never matched by gc's rotated names). */
function stagingName(file: string): string {
  return `${file}.rotating`;
}

function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

/**
 * Splits `buffers` into what fits in `room` bytes (cut after a "\n") and the rest. An empty file
 * takes at least its first line, however long.
 */
function cutAt(buffers: Buffer[], room: number, empty: boolean): [Buffer[], Buffer[]] {
  const now: Buffer[] = [];
  let taken = 0;
  for (let index = 0; index < buffers.length; index++) {
    const buffer = buffers[index] as Buffer;
    if (taken + buffer.length <= room) {
      now.push(buffer);
      taken += buffer.length;
      continue;
    }
    let cut = room - taken > 0 ? buffer.lastIndexOf(10, room - taken - 1) + 1 : 0;
    if (cut === 0 && now.length === 0 && empty) cut = buffer.indexOf(10) + 1 || buffer.length;
    if (cut > 0) now.push(buffer.subarray(0, cut));
    const rest = buffers.slice(index + 1);
    if (cut < buffer.length) rest.unshift(buffer.subarray(cut));
    return [now, rest];
  }
  return [now, []];
}

/**
 * Writes every byte of `buffers` (one writev unless the kernel takes less); returns the count.
 * `progress.bytes` grows as bytes land, so a failure after a partial write still says how far it got.
 */
async function writeFully(handle: FileHandle, buffers: Buffer[], progress: { bytes: number }): Promise<number> {
  let total = 0;
  for (const buffer of buffers) total += buffer.length;
  let pending = buffers;
  for (let written = 0; written < total; ) {
    const { bytesWritten } = await handle.writev(pending);
    written += bytesWritten;
    progress.bytes += bytesWritten;
    if (written < total) pending = skipBytes(pending, bytesWritten);
  }
  return total;
}

function skipBytes(buffers: Buffer[], count: number): Buffer[] {
  let left = count;
  let index = 0;
  while (index < buffers.length && left >= (buffers[index] as Buffer).length) left -= (buffers[index++] as Buffer).length;
  const rest = buffers.slice(index);
  if (left > 0 && rest.length > 0) rest[0] = (rest[0] as Buffer).subarray(left);
  return rest;
}
