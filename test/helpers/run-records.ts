// Reads the run records a supervisor wrote (its run journal under runs/), oldest first.
import { join } from 'node:path';
import type { RunRecord } from '../../supervisor/src/control/contract.ts';
import { RunRecorder } from '../../supervisor/src/runs/index.ts';

/** Every valid run record of `service` (or of every service), sorted by start time. */
export async function readRunRecords(stateDir: string, service?: string): Promise<RunRecord[]> {
  const recorder = new RunRecorder(join(stateDir, 'runs'));
  const records = service === undefined ? await recorder.listAll() : await recorder.list(service);
  return records.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.runId.localeCompare(b.runId));
}
