// Crafting run records for tests: a start recorded by a recorder that is closed at once (so no
// test holds the journal open), and a record written the way Berth versions before the run
// journal did (runs/<service>/<run-id>/run-info.json) — what an installed app's state dir holds
// when it is updated, and what the reaper and gc must still read.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '../control/contract-core.ts';
import { writeJsonAtomic } from '../fs/atomic-write.ts';
import { RUN_INFO_FILE, RunRecorder, type RunStart } from './run-records.ts';

/** Records a start in `runsDir`'s journal as a supervisor with `supervisorPid` would; returns the record. */
export async function recordStart(runsDir: string, supervisorPid: number, input: Partial<RunStart> & Pick<RunStart, 'service'>): Promise<RunRecord> {
  const recorder = new RunRecorder(runsDir, { supervisorPid });
  try {
    return await recorder.start({ pid: null, pgid: null, restartCount: 0, previousRunId: null, ...input });
  } finally {
    await recorder.close();
  }
}

/** Writes `record` as a legacy run folder under `runsDir`; returns the folder. */
export async function writeLegacyRecord(runsDir: string, record: RunRecord): Promise<string> {
  const folder = join(runsDir, record.service, record.runId);
  await mkdir(folder, { recursive: true });
  await writeJsonAtomic(join(folder, RUN_INFO_FILE), record);
  return folder;
}
