// The run journal's format (pure): runs/<segment>.jsonl, one JSON run record per line, appended
// at every start and end of a run of any service. A run's later line supersedes its earlier ones
// (the start says `running`, the end `exited`, the reaper `reaped`), so reading folds the lines
// by run id. A segment is named by when and by which process it was opened
// (`20261207T221319.123Z-4242-0.jsonl`): the names sort by time, and the pid tells `berth gc`
// whether its writer may still append to it. One file for every service, because creating a
// file is what costs on a start (a folder and a file per service cost ≈ 0.7 ms a service on the
// bench machine, more than everything else the journal does).
import { RunRecord } from '../control/contract-core.ts';

/** The extension of journal segments. */
export const JOURNAL_EXT = '.jsonl';

/** Lines a segment takes before its writer opens the next one (what gc cannot compact while a supervisor lives). */
export const SEGMENT_LINES = 4096;

const SEGMENT_NAME = /^(\d{8}T\d{6}\.\d{3}Z)-(\d+)-(\d+)\.jsonl$/;

/** The file name of a segment opened at `at` by process `pid` (its `seq`-th in that millisecond or process). */
export function segmentFileName(at: Date, pid: number, seq: number): string {
  return `${at.toISOString().replace(/[-:]/g, '')}-${pid}-${seq}${JOURNAL_EXT}`;
}

/** The writer's pid of a segment name, or null for a name that is not a segment. */
export function segmentWriterPid(name: string): number | null {
  const match = SEGMENT_NAME.exec(name);
  return match === null ? null : Number(match[2]);
}

/** Orders segment names by when they were opened, then by sequence (pure). */
export function compareSegments(a: string, b: string): number {
  const [, timeA = '', pidA = '', seqA = ''] = SEGMENT_NAME.exec(a) ?? [];
  const [, timeB = '', pidB = '', seqB = ''] = SEGMENT_NAME.exec(b) ?? [];
  return timeA.localeCompare(timeB) || Number(pidA) - Number(pidB) || Number(seqA) - Number(seqB);
}

/** One record as a journal line. */
export function journalLine(record: RunRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** What a segment holds: its valid records in order, and how many lines were not records. */
export interface ParsedSegment {
  readonly records: RunRecord[];
  /** Lines that are not valid records (a torn last line after a power loss, a hand edit). */
  readonly bad: number;
}

/** Parses a segment's text; a line that is not a valid record is counted and skipped. */
export function parseSegment(text: string): ParsedSegment {
  const records: RunRecord[] = [];
  let bad = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = RunRecord.safeParse(JSON.parse(line));
      if (parsed.success) records.push(parsed.data);
      else bad += 1;
    } catch {
      bad += 1;
    }
  }
  return { records, bad };
}

/** Each run's latest record, given records in the order they were written (pure). */
export function foldRuns(records: Iterable<RunRecord>): Map<string, RunRecord> {
  const runs = new Map<string, RunRecord>();
  for (const record of records) runs.set(record.runId, record);
  return runs;
}
