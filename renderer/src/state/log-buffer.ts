// A capped, append-only list of log lines. Appends are batched and published as a new array
// (so a paused view can keep the old one); past the cap the oldest lines are dropped.
import type { LogLine } from '../../../supervisor/src/control/contract.ts';

/** One line in a log view, with a stable id for React keys. */
export interface LogEntry {
  id: number;
  stream: LogLine['stream'];
  line: string;
  at: string;
}

/** Default number of lines kept in memory per open log view. */
export const LOG_CAP = 10_000;

/** Holds at most `cap` lines; `lines` is replaced (never mutated) on each flush. */
export class LogBuffer {
  private readonly cap: number;
  private nextId = 1;
  private queued: LogEntry[] = [];
  /** Total lines ever appended (dropped ones included). */
  received = 0;
  lines: readonly LogEntry[] = [];

  constructor(cap = LOG_CAP) {
    this.cap = cap;
  }

  /** Queues lines; they become visible at the next flush. */
  append(lines: readonly Pick<LogLine, 'stream' | 'line' | 'at'>[]): void {
    for (const { stream, line, at } of lines) this.queued.push({ id: this.nextId++, stream, line, at });
    this.received += lines.length;
    if (this.queued.length > this.cap) this.queued = this.queued.slice(-this.cap);
  }

  /** Publishes queued lines; returns whether anything changed. */
  flush(): boolean {
    if (this.queued.length === 0) return false;
    const merged = this.lines.length + this.queued.length > this.cap ? [...this.lines, ...this.queued].slice(-this.cap) : [...this.lines, ...this.queued];
    this.queued = [];
    this.lines = merged;
    return true;
  }
}

/** Lines of a fresh tail followed by the live lines that arrived while it loaded, minus duplicates. */
export function mergeTail<T extends Pick<LogLine, 'stream' | 'line' | 'at'>>(tail: readonly T[], live: readonly T[]): T[] {
  const firstLive = live[0];
  if (firstLive === undefined) return [...tail];
  const key = (line: T) => `${line.at}\u0000${line.stream}\u0000${line.line}`;
  const overlap = new Set(tail.filter((line) => line.at >= firstLive.at).map(key));
  return [...tail, ...live.filter((line) => !overlap.has(key(line)))];
}
