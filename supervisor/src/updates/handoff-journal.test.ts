// Recovery of a hand-off a crash cut short, against a real state dir: at each step the journal can
// name, the next start finds data/, state.json and current.json as they were before the hand-off.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundlePaths } from '../bundles/bundle-paths.ts';
import { writeCurrent } from '../bundles/current-file.ts';
import { backupData } from '../tasks/data-backup.ts';
import { HANDOFF_STEPS, readTaskStateText, recoverHandoff, writeJournal } from './handoff-journal.ts';

let stateDir = '';
const paths = () => bundlePaths(stateDir);

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'berth-journal-'));
  await mkdir(join(stateDir, 'data'));
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

describe('recoverHandoff', () => {
  it('does nothing without a journal', async () => {
    expect(await recoverHandoff(paths(), stateDir)).toBeNull();
  });

  it.each(HANDOFF_STEPS.map((step) => [step]))('killed at "%s": data/, state.json and current.json are the old version\'s again', async (step) => {
    await writeFile(join(stateDir, 'data', 'notes.db'), 'v1 data');
    await writeFile(join(stateDir, 'state.json'), '{"schemaVersion":1,"tasks":{"migrate":{"lastCompletedVersion":"1.0.0","lastCompletedAt":"x"}}}');
    await writeCurrent(paths(), { version: '1.0.0', previous: null, knownGood: '1.0.0' });
    const taskState = await readTaskStateText(stateDir);
    const backup = step === 'stopping' || step === 'backing-up' ? null : await backupData(stateDir, '1.0.0');
    await writeJournal(paths(), { from: '1.0.0', to: '2.0.0', step, backup, taskState, current: { version: '1.0.0', previous: null, knownGood: '1.0.0' }, startedAt: new Date().toISOString() });
    if (step === 'switched' || step === 'starting') {
      // The new version was switched to and may have run: its data and task records differ.
      await writeCurrent(paths(), { version: '2.0.0', previous: '1.0.0', knownGood: '1.0.0' });
      await writeFile(join(stateDir, 'data', 'notes.db'), 'v2 data');
      await writeFile(join(stateDir, 'state.json'), '{"schemaVersion":1,"tasks":{"migrate":{"lastCompletedVersion":"2.0.0","lastCompletedAt":"y"}}}');
    }
    const recovery = await recoverHandoff(paths(), stateDir);
    expect(recovery?.message).toContain(`the supervisor stopped during the hand-off to 2.0.0 (at "${step}"); rolled back to 1.0.0`);
    expect(await readFile(join(stateDir, 'data', 'notes.db'), 'utf8')).toBe('v1 data');
    expect(await readFile(join(stateDir, 'state.json'), 'utf8')).toBe(taskState);
    expect(JSON.parse(await readFile(join(stateDir, 'current.json'), 'utf8'))).toEqual({ version: '1.0.0', previous: null, knownGood: '1.0.0' });
    expect(await readdir(stateDir)).not.toContain('handoff.json');
    expect(await recoverHandoff(paths(), stateDir)).toBeNull();
  });

  it('removes an unreadable journal without touching anything', async () => {
    await writeFile(join(stateDir, 'data', 'notes.db'), 'data');
    await writeFile(paths().handoff, '{"from": 1');
    expect((await recoverHandoff(paths(), stateDir))?.message).toContain('was unreadable and is removed');
    expect(await readFile(join(stateDir, 'data', 'notes.db'), 'utf8')).toBe('data');
  });
});
