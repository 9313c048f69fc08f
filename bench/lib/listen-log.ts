// Reads the listen log the fixtures append to: one line per process that started listening.
import { existsSync, readFileSync } from 'node:fs';

/** One listener process that reached "listening". */
export interface ListenEntry {
  readonly name: string;
  /** Epoch ms when listen() completed. */
  readonly listenAt: number;
  readonly pid: number;
  /** Epoch ms when the process started (performance.timeOrigin). */
  readonly startedAt: number;
}

/** Parses the listen log text. Pure. */
export function parseListenLog(text: string): ListenEntry[] {
  const entries: ListenEntry[] = [];
  for (const line of text.split('\n')) {
    const [name, listenAt, pid, startedAt] = line.trim().split(' ');
    if (name === undefined || listenAt === undefined || pid === undefined || startedAt === undefined) continue;
    entries.push({ name, listenAt: Number(listenAt), pid: Number(pid), startedAt: Number(startedAt) });
  }
  return entries;
}

/** The entries of a listen log file (none when it does not exist yet). */
export function readListenLog(file: string): ListenEntry[] {
  return existsSync(file) ? parseListenLog(readFileSync(file, 'utf8')) : [];
}

/** The latest entry of each service. */
export function latestByService(entries: readonly ListenEntry[]): Map<string, ListenEntry> {
  const latest = new Map<string, ListenEntry>();
  for (const entry of entries) latest.set(entry.name, entry);
  return latest;
}

/** Wall-clock epoch ms with sub-ms precision, on the same basis as the fixtures' timestamps. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
