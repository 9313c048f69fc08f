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

/**
 * Wall-clock epoch ms with sub-ms precision, on the same clock as the fixtures' timestamps
 * (gettimeofday). Read fresh at each call: `performance.timeOrigin + performance.now()` runs on
 * the monotonic clock from a wall-clock origin taken at process start, and drifted 1.6–2.5 ms
 * from the wall clock within 10–40 s on the bench machine — minutes into a run, more than the
 * figures it would be subtracted from. Waits for the next tick of `Date.now()` (≤ 1 ms, spent
 * before whatever is timed from it), so the millisecond it returns began a few µs ago.
 */
export function epochNow(): number {
  const start = Date.now();
  let now = Date.now();
  while (now === start) now = Date.now();
  return now;
}

/**
 * Waits until every one of `names` has a line in the listen log, reading the file every
 * `intervalMs`; resolves with each name's first entry. This is how the harness sees "all
 * listening" without taking CPU from the supervisor under test: polling 200 ports by TCP connect
 * every 10 ms cost the harness 1.7–2.7 s of CPU per 200-service start on the 2-core machine (every
 * refused connect builds an Error), where one read of this small file per round costs nothing.
 */
export async function waitAllListened(file: string, names: readonly string[], timeoutMs: number, intervalMs = 5): Promise<Map<string, ListenEntry>> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const first = new Map<string, ListenEntry>();
    for (const entry of readListenLog(file)) if (!first.has(entry.name)) first.set(entry.name, entry);
    const missing = names.filter((name) => !first.has(name));
    if (missing.length === 0) return first;
    if (performance.now() > deadline) throw new Error(`${missing.length} of ${names.length} services not listening within ${timeoutMs} ms (first: ${missing[0] ?? ''})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
