// Reads telemetry.jsonl back (tests, `berth` tooling): valid events in order; bad lines skipped.
import { readFile } from 'node:fs/promises';
import { TelemetryEvent } from './events.ts';

/** The valid events of one telemetry file, oldest first; a missing file is empty. */
export async function readTelemetryFile(file: string): Promise<TelemetryEvent[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const events: TelemetryEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = TelemetryEvent.safeParse(JSON.parse(line));
      if (parsed.success) events.push(parsed.data);
    } catch {
      // a torn or foreign line: skipped
    }
  }
  return events;
}
