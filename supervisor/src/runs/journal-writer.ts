// Appends run records to the journal (run-journal.ts): one segment at a time for this process,
// shared by every recorder of the same runs/ folder (the reaper's, each bundle session's), held
// open while any of them is.
//
// A record is appended synchronously, in the same turn as the spawn it records: from then on a
// SIGKILL of the supervisor cannot lose it (it is in the kernel's page cache, and the next
// supervisor's reaper reads it). The fsync that carries it through a power loss — after which no
// service is left running anyway — is batched: whatever was appended within SYNC_DELAY_MS is
// synced together, off the event loop. This replaces a folder, a temp file, two fsyncs and a
// rename per start and per end.
import { closeSync, fdatasync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '../control/contract-core.ts';
import { syncDirectory } from '../fs/atomic-write.ts';
import { journalLine, SEGMENT_LINES, segmentFileName } from './run-journal.ts';

/** How long appended records wait for others to share their fsync. */
export const SYNC_DELAY_MS = 200;

/** The segment records go to now. */
interface OpenSegment {
  readonly fd: number;
  lines: number;
  /** Appended to since its last fsync. */
  dirty: boolean;
}

/** Appends records to one runs/ folder's journal. */
export class JournalWriter {
  private segment: OpenSegment | null = null;
  /** True once a new segment's folder entry needs an fsync. */
  private newEntry = false;
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> = Promise.resolve();

  readonly runsDir: string;
  private readonly options: { readonly pid?: number; readonly now?: () => Date; readonly segmentLines?: number };

  constructor(runsDir: string, options: { readonly pid?: number; readonly now?: () => Date; readonly segmentLines?: number } = {}) {
    this.runsDir = runsDir;
    this.options = options;
  }

  /** Appends one record (synchronously); its fsync follows within SYNC_DELAY_MS. */
  append(record: RunRecord): void {
    const segment = this.current();
    const line = Buffer.from(journalLine(record));
    // O_APPEND: each write lands whole at the end; a short write only on a full disk, which throws.
    for (let written = 0; written < line.length; ) written += writeSync(segment.fd, line, written);
    segment.lines += 1;
    segment.dirty = true;
    this.timer ??= setTimeout(() => void this.flush(), SYNC_DELAY_MS).unref();
  }

  /** Syncs what was appended so far (now, without waiting for the timer). */
  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const segment = this.segment;
    const dirty = segment?.dirty === true;
    const newEntry = this.newEntry;
    if (segment !== null) segment.dirty = false;
    this.newEntry = false;
    this.syncing = this.syncing.then(async () => {
      if (dirty && segment !== null && segment === this.segment) await datasync(segment.fd);
      if (newEntry) await syncDirectory(this.runsDir);
    });
    return this.syncing;
  }

  /** Syncs and closes the segment; a later append opens a new one. */
  async close(): Promise<void> {
    await this.flush();
    const segment = this.segment;
    this.segment = null;
    if (segment !== null) closeSync(segment.fd);
  }

  private current(): OpenSegment {
    if (this.segment !== null && this.segment.lines < (this.options.segmentLines ?? SEGMENT_LINES)) return this.segment;
    if (this.segment !== null) {
      // The full segment is done: synced and closed behind the new one.
      const full = this.segment;
      this.syncing = this.syncing.then(() => datasync(full.fd)).finally(() => closeSync(full.fd));
    }
    mkdirSync(this.runsDir, { recursive: true });
    const path = join(this.runsDir, segmentFileName(this.options.now?.() ?? new Date(), this.options.pid ?? process.pid, this.seq++));
    this.segment = { fd: openSync(path, 'a', 0o644), lines: 0, dirty: false };
    this.newEntry = true;
    return this.segment;
  }
}

function datasync(fd: number): Promise<void> {
  return new Promise((resolve) => fdatasync(fd, () => resolve()));
}

/** The shared writers: one per runs/ folder, with how many recorders hold it. */
const writers = new Map<string, { writer: JournalWriter; holders: number }>();

/** Takes this process's writer for a runs/ folder (creating it); give it back with releaseJournalWriter. */
export function acquireJournalWriter(runsDir: string): JournalWriter {
  const entry = writers.get(runsDir) ?? { writer: new JournalWriter(runsDir), holders: 0 };
  entry.holders += 1;
  writers.set(runsDir, entry);
  return entry.writer;
}

/** Gives a writer back; the last holder's release syncs and closes its segment. */
export async function releaseJournalWriter(writer: JournalWriter): Promise<void> {
  const entry = writers.get(writer.runsDir);
  if (entry === undefined || entry.writer !== writer) return writer.close();
  entry.holders -= 1;
  if (entry.holders > 0) return writer.flush();
  writers.delete(writer.runsDir);
  return writer.close();
}
