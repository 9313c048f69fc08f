// `berth gc` (DESIGN §7): removes the run records that ended before the cutoff (their journal
// lines, or an earlier version's run folders) and rotated log files (`logs/*.log.N`,
// `telemetry.jsonl.N`) last written before it. Current log files, running runs, unreadable records
// and the lines a live supervisor may still append to are never removed. `dryRun` reports
// without deleting.
import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isRotatedFileName } from '../logs/index.ts';
import { silentLogger } from '../logging/logger.ts';
import type { Logger } from '../logging/logger.ts';
import { RunRecorder } from '../runs/index.ts';
import { decideGcRecord } from './decide-gc.ts';

/** What one gc pass does. */
export interface GcOptions {
  stateDir: string;
  olderThanMs: number;
  keepFailed?: boolean;
  dryRun?: boolean;
  /** The live supervisor's view: is this the current run of a running service? */
  isRunning?: (service: string, runId: string) => boolean;
  now?: number;
  logger?: Logger;
}

/** What gc removed (absolute paths; "would remove" under dryRun) and how many candidates it kept. */
export interface GcResult {
  removed: string[];
  kept: number;
}

/** Runs one gc pass over a state dir. */
export async function runGc(options: GcOptions): Promise<GcResult> {
  const cutoffMs = (options.now ?? Date.now()) - options.olderThanMs;
  const logger = options.logger ?? silentLogger;
  const removed: string[] = [];
  let kept = 0;
  const remove = async (path: string) => {
    removed.push(path);
    if (!options.dryRun) await rm(path, { recursive: true, force: true });
  };

  const recorder = new RunRecorder(join(options.stateDir, 'runs'), { logger });
  const records = await recorder.listAll();
  const doomed = new Set(records.filter((record) => decideGcRecord(record, { cutoffMs, keepFailed: options.keepFailed ?? false, ...(options.isRunning ? { isRunning: options.isRunning } : {}) }).remove).map((record) => record.runId));
  const runs = await recorder.remove(doomed, { dryRun: options.dryRun ?? false });
  removed.push(...runs.removed);
  kept += records.length - runs.removed.length;
  if (!options.dryRun) {
    // An earlier version's service folders, once their last run folder is gone (rmdir only takes an empty one).
    const folders = await readdir(recorder.runsDir, { withFileTypes: true }).catch(() => []);
    for (const folder of folders.filter((entry) => entry.isDirectory())) await rmdir(join(recorder.runsDir, folder.name)).catch(() => undefined);
  }

  const rotated = [
    ...(await rotatedFilesIn(join(options.stateDir, 'logs'))),
    ...(await rotatedFilesIn(options.stateDir)).filter((path) => /telemetry\.jsonl\.\d+$/.test(path)),
  ];
  for (const path of rotated) {
    const info = await stat(path).catch(() => null);
    if (info === null) continue;
    if (info.mtimeMs < cutoffMs) await remove(path);
    else kept += 1;
  }
  return { removed, kept };
}

async function rotatedFilesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile() && isRotatedFileName(entry.name)).map((entry) => join(dir, entry.name)).sort();
}
