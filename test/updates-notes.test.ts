// Bundle updates of the Notes app end to end (issue 18): real supervisors, real SQLite files, the
// `berth bundle` CLI. v1 → v2 adds a column with a migration and keeps the notes; v2 → v3 whose
// migration fails, and v2 → v3 whose api never gets ready, both roll back to v2 with its notes,
// say why, and make `berth bundle use` exit 1; a person's restart while a hand-off applies is 409.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UpdatesResponse } from '../supervisor/src/control/contract.ts';
import { useBerthHarness } from './helpers/berth-harness.ts';
import { BERTH, type BerthRun } from './helpers/berth-run.ts';
import { runCli } from './helpers/cli-run.ts';
import { ADD_PINNED, BROKEN_MIGRATION, readNotesDb, writeNotesVersion } from './helpers/notes-versions.ts';
import type { Sandbox } from './helpers/sandbox.ts';

const h = useBerthHarness();

/** `berth bundle …` against the sandbox's state dir. */
function bundleCli(sb: Sandbox, ...args: string[]) {
  return runCli([process.execPath, BERTH, 'bundle', ...args, '--state-dir', sb.stateDir], { timeoutMs: 90_000 });
}

async function updates(berth: BerthRun): Promise<UpdatesResponse> {
  return UpdatesResponse.parse((await berth.raw('GET', '/updates')).json());
}

/** Notes through the running version's own api port. */
async function notes(berth: BerthRun): Promise<string[]> {
  const url = (await berth.service('api')).ports.http?.url ?? '';
  const reply = (await (await fetch(`${url}/api/notes`)).json()) as { items: Array<{ title: string }> };
  return reply.items.map((note) => note.title).sort();
}

async function addNote(berth: BerthRun, title: string): Promise<void> {
  const url = (await berth.service('api')).ports.http?.url ?? '';
  const reply = await fetch(`${url}/api/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title, body: '' }) });
  expect(reply.status).toBe(201);
}

const ALL = ['db', 'api', 'ui'];

/** Installs `version` (already written) and runs the installed current version until all ready. */
async function runInstalled(sb: Sandbox, dir: string): Promise<BerthRun> {
  const installed = await bundleCli(sb, 'install', dir);
  expect(installed.code, installed.stderr).toBe(0);
  const berth = h.start(sb, { bundle: null });
  await berth.waitForStates(ALL, ['ready']);
  await berth.waitForStates(['migrate'], ['completed']);
  return berth;
}

describe('Notes: a hand-off to a new version', () => {
  it('v1 → v2 adds a column with a migration: notes kept, the migration ran once, a backup exists', async () => {
    const sb = await h.sandbox('notes-v2');
    const v1 = await writeNotesVersion(sb.dir, { version: '1.0.0' });
    const v2 = await writeNotesVersion(sb.dir, { version: '2.0.0', migrations: { '002-add-pinned.sql': ADD_PINNED } });
    const berth = await runInstalled(sb, v1);
    await addNote(berth, 'kept across versions');

    const installed = await bundleCli(sb, 'install', v2);
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stdout).toContain('2.0.0 is running (known-good)');
    expect(await updates(berth)).toMatchObject({ state: 'idle', running: '2.0.0', current: '2.0.0', previous: '1.0.0', knownGood: '2.0.0', reason: null });
    await berth.waitForStates(ALL, ['ready']);
    expect(await notes(berth)).toEqual(['kept across versions']);
    const db = readNotesDb(join(sb.stateDir, 'data', 'notes.db'));
    expect(db.migrations).toEqual([1, 2]);
    expect(db.columns).toContain('pinned');
    expect((await readdir(sb.stateDir)).filter((name) => name.startsWith('data.backup-1.0.0-'))).toHaveLength(1);
    expect((await readdir(sb.stateDir)).filter((name) => name === 'handoff.json')).toEqual([]);
  });

  it('v2 → v3 whose migration fails, then v2 → v3.1 whose api never gets ready: v2 runs again with its notes, each failure says why, and a restart while applying is 409', async () => {
    const sb = await h.sandbox('notes-rollback');
    const v2 = await writeNotesVersion(sb.dir, { version: '2.0.0', migrations: { '002-add-pinned.sql': ADD_PINNED } });
    const broken = await writeNotesVersion(sb.dir, { version: '3.0.0', migrations: { '002-add-pinned.sql': ADD_PINNED, '003-broken.sql': BROKEN_MIGRATION } });
    const stuck = await writeNotesVersion(sb.dir, {
      version: '3.1.0',
      readyTimeout: '3s',
      edit: (bundle) => {
        const api = bundle.services.api;
        if (api !== undefined) api.readiness = { http: { port: 'http', path: '/never-ready' }, interval: '250ms', startTimeout: '60s' };
      },
    });
    const berth = await runInstalled(sb, v2);
    await addNote(berth, 'v2 note');
    expect((await bundleCli(sb, 'install', broken, '--no-activate')).stdout.trim()).toBe('3.0.0');

    const failed = await bundleCli(sb, 'use', '3.0.0');
    expect(failed.code, failed.stdout).toBe(1);
    expect(failed.stdout).toMatch(/the update to 3\.0\.0 failed: migrate failed: task failed: exit code 1; rolled back to 2\.0\.0 \(data\/ restored from .*data\.backup-2\.0\.0-/);
    expect(await updates(berth)).toMatchObject({ state: 'failed', target: '3.0.0', running: '2.0.0', current: '2.0.0', previous: null, knownGood: '2.0.0' });
    await berth.waitForStates(ALL, ['ready']);
    expect(await notes(berth)).toEqual(['v2 note']);
    expect(readNotesDb(join(sb.stateDir, 'data', 'notes.db')).migrations).toEqual([1, 2]);

    expect((await bundleCli(sb, 'install', stuck, '--no-activate')).code).toBe(0);
    const using = bundleCli(sb, 'use', '3.1.0');
    await berth.waitFor('the 3.1.0 api starting', (services) => services.api?.state === 'starting' && services.api.pid !== null);
    const restart = await berth.raw('POST', '/services/db/restart');
    expect(restart.status).toBe(409);
    expect(restart.json()).toMatchObject({ error: { code: 'UPDATE_IN_PROGRESS' } });
    const timedOut = await using;
    expect(timedOut.code, timedOut.stdout).toBe(1);
    expect(timedOut.stdout).toMatch(/the update to 3\.1\.0 failed: not all ready within 3 s \(api starting\); rolled back to 2\.0\.0 \(data\/ restored from /);
    expect(await updates(berth)).toMatchObject({ state: 'failed', target: '3.1.0', running: '2.0.0', current: '2.0.0' });
    await berth.waitForStates(ALL, ['ready']);
    expect(await notes(berth)).toEqual(['v2 note']);
  });
});
