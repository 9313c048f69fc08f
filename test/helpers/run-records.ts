// Reads the run records a supervisor wrote (runs/<service>/<run-id>/run-info.json), oldest first.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RunRecord } from '../../supervisor/src/control/contract.ts';

/** Every valid run record of `service` (or of every service), sorted by start time. */
export async function readRunRecords(stateDir: string, service?: string): Promise<RunRecord[]> {
  const runsDir = join(stateDir, 'runs');
  const services = service === undefined ? await readdir(runsDir).catch(() => []) : [service];
  const records: RunRecord[] = [];
  for (const name of services) {
    const runIds = await readdir(join(runsDir, name)).catch(() => []);
    for (const runId of runIds) {
      const text = await readFile(join(runsDir, name, runId, 'run-info.json'), 'utf8').catch(() => null);
      if (text === null) continue;
      const parsed = RunRecord.safeParse(JSON.parse(text));
      if (parsed.success) records.push(parsed.data);
    }
  }
  return records.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.runId.localeCompare(b.runId));
}
