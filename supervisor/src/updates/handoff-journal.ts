// handoff.json: the journal of a hand-off under way, written atomically before each step, so a
// supervisor killed in the middle is recovered by the next start before anything runs: data/ is
// restored from the hand-off's backup (once one was taken), state.json's task records are put
// back, and current.json points at the old version again.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CurrentFile, readCurrent, writeCurrent } from '../bundles/current-file.ts';
import type { BundlePaths } from '../bundles/bundle-paths.ts';
import { writeFileAtomic, writeJsonAtomic } from '../fs/atomic-write.ts';
import { restoreData } from '../tasks/data-backup.ts';
import { TASK_STATE_FILE } from '../tasks/task-state.ts';

/** The steps of a hand-off, in order; the journal names the last one begun. */
export const HANDOFF_STEPS = ['stopping', 'backing-up', 'switched', 'starting'] as const;
export type HandoffStep = (typeof HANDOFF_STEPS)[number];

/** handoff.json. */
export const HandoffJournal = z.object({
  /** The version running before (null: a first start had nothing to go back to). */
  from: z.string().nullable(),
  to: z.string(),
  step: z.enum(HANDOFF_STEPS),
  /** The copy of data/ taken before the switch, once taken. */
  backup: z.string().nullable(),
  /** state.json as it was before (task records of the old version), null when there was none. */
  taskState: z.string().nullable(),
  /** current.json as it was before the switch (put back as it was on a rollback). */
  current: CurrentFile.nullable(),
  startedAt: z.string(),
});
export type HandoffJournal = z.infer<typeof HandoffJournal>;

/** Writes the journal (before the step it names). */
export function writeJournal(paths: BundlePaths, journal: HandoffJournal): Promise<void> {
  return writeJsonAtomic(paths.handoff, journal);
}

/** Removes the journal: the hand-off is over, one way or the other. */
export function clearJournal(paths: BundlePaths): Promise<void> {
  return rm(paths.handoff, { force: true });
}

/** state.json's text now (kept in the journal, put back on a rollback). */
export async function readTaskStateText(stateDir: string): Promise<string | null> {
  return readFile(join(stateDir, TASK_STATE_FILE), 'utf8').catch(() => null);
}

/** Undoes a hand-off's effects on the state dir: data/, state.json, current.json. */
export async function rollBackState(paths: BundlePaths, stateDir: string, journal: HandoffJournal): Promise<void> {
  if (journal.backup !== null) await restoreData(stateDir, journal.backup);
  const stateFile = join(stateDir, TASK_STATE_FILE);
  if (journal.taskState === null) await rm(stateFile, { force: true });
  else await writeFileAtomic(stateFile, journal.taskState);
  // current.json as it was: the rolled-back version is not "previous" (`bundle rollback` must not go to it).
  const read = await readCurrent(paths);
  const now = read.kind === 'ok' ? read.current : null;
  if (journal.current !== null && JSON.stringify(now) !== JSON.stringify(journal.current)) await writeCurrent(paths, journal.current, now);
}

/** What a recovery did, for the log and GET /updates. */
export interface Recovery {
  readonly from: string | null;
  readonly to: string;
  readonly message: string;
  readonly backup: string | null;
}

/** Finishes the rollback of a hand-off a crash cut short; null when none was under way. */
export async function recoverHandoff(paths: BundlePaths, stateDir: string): Promise<Recovery | null> {
  const text = await readFile(paths.handoff, 'utf8').catch(() => null);
  if (text === null) return null;
  let journal: HandoffJournal;
  try {
    journal = HandoffJournal.parse(JSON.parse(text));
  } catch {
    // Written atomically, so never torn; a hand-edited journal cannot be trusted to roll back.
    await clearJournal(paths);
    return { from: null, to: '?', backup: null, message: `${paths.handoff} was unreadable and is removed; nothing was rolled back` };
  }
  await rollBackState(paths, stateDir, journal);
  await clearJournal(paths);
  const back = journal.from === null ? 'nothing to go back to' : `rolled back to ${journal.from}`;
  const data = journal.backup === null ? 'data/ was not touched yet' : `data/ restored from ${journal.backup}`;
  return { from: journal.from, to: journal.to, backup: journal.backup, message: `the supervisor stopped during the hand-off to ${journal.to} (at "${journal.step}"); ${back}, ${data}` };
}
