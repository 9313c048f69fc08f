// The migrate task against a real sqlite service: first run, idempotent second run, a v2
// migration added later, and the failures that must leave the database as it was.
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import getPort from 'get-port';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { ProcessTracker } from '../../testing/processes.ts';
import { TEST_TOKEN, buildToTemp, makeTempDir, requestJson, runMigrate, startSqlite } from '../../testing/stack.ts';
import type { SqliteHandle } from '../../testing/stack.ts';

const tracker = new ProcessTracker();
let build: Awaited<ReturnType<typeof buildToTemp>>;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: SqliteHandle;
let migrationsDir: string;

const query = async (sql: string): Promise<unknown[]> => {
  const answer = await requestJson(`${db.url}/query`, { method: 'POST', body: { sql }, token: TEST_TOKEN });
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return answer.json.rows as unknown[];
};
const versions = () => query('SELECT version, name FROM schema_version ORDER BY version');
const tables = () => query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");

beforeAll(async () => {
  build = await buildToTemp();
});
afterAll(async () => {
  await build.remove();
});
beforeEach(async () => {
  temp = await makeTempDir('migrate');
  db = await startSqlite(tracker, build.dir, join(temp.dir, 'notes.db'));
  // A copy of the shipped migrations that a test may add to, as an upgrade would.
  migrationsDir = join(temp.dir, 'migrations');
  await cp(join(build.dir, 'migrate', 'migrations'), migrationsDir, { recursive: true });
});
afterEach(async () => {
  await tracker.stopAll();
  await temp.remove();
});

test('the built task finds its shipped migrations, applies them, and a second run applies nothing', async () => {
  const first = await runMigrate(build.dir, db.url);
  expect(first.code, first.output).toBe(0);
  expect(first.output).toContain('applied 001-create-notes');
  expect(first.output).toContain('schema at version 1');
  expect(await versions()).toEqual([{ version: 1, name: '001-create-notes' }]);
  expect(await tables()).toEqual([{ name: 'notes' }, { name: 'schema_version' }]);

  const second = await runMigrate(build.dir, db.url);
  expect(second.code, second.output).toBe(0);
  expect(second.output).toContain('nothing to apply; schema at version 1');
  expect(second.output).not.toContain('applied 001');
  expect(await versions()).toEqual([{ version: 1, name: '001-create-notes' }]);
});

test('a v2 migration added later is applied once, on top of v1, keeping the data', async () => {
  expect((await runMigrate(build.dir, db.url, { MIGRATIONS_DIR: migrationsDir })).code).toBe(0);
  await query("INSERT INTO notes (title, body, created_at, updated_at) VALUES ('kept', '', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id");
  await writeFile(
    join(migrationsDir, '002-add-pinned.sql'),
    [
      'ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;',
      "-- a trigger body has semicolons of its own; it must travel as one statement",
      'CREATE TABLE note_events (note_id INTEGER, kind TEXT);',
      "CREATE TRIGGER notes_deleted AFTER DELETE ON notes BEGIN INSERT INTO note_events VALUES (old.id, 'deleted'); END;",
    ].join('\n'),
  );

  const upgrade = await runMigrate(build.dir, db.url, { MIGRATIONS_DIR: migrationsDir });
  expect(upgrade.code, upgrade.output).toBe(0);
  expect(upgrade.output).toContain('applied 002-add-pinned');
  expect(upgrade.output).not.toContain('applied 001');
  expect(upgrade.output).toContain('schema at version 2');
  expect(await versions()).toEqual([
    { version: 1, name: '001-create-notes' },
    { version: 2, name: '002-add-pinned' },
  ]);
  expect(await query('SELECT title, pinned FROM notes')).toEqual([{ title: 'kept', pinned: 0 }]);

  const again = await runMigrate(build.dir, db.url, { MIGRATIONS_DIR: migrationsDir });
  expect(again.output).toContain('nothing to apply; schema at version 2');
});

test('a failing migration is rolled back entirely, exits 1, and is retried on the next run', async () => {
  expect((await runMigrate(build.dir, db.url, { MIGRATIONS_DIR: migrationsDir })).code).toBe(0);
  await writeFile(join(migrationsDir, '002-broken.sql'), 'CREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n');

  const failed = await runMigrate(build.dir, db.url, { MIGRATIONS_DIR: migrationsDir });
  expect(failed.code).toBe(1);
  expect(failed.output).toContain('no such table: no_such_table');
  expect(await tables()).toEqual([{ name: 'notes' }, { name: 'schema_version' }]);
  expect(await versions()).toEqual([{ version: 1, name: '001-create-notes' }]);

  await writeFile(join(migrationsDir, '002-broken.sql'), 'CREATE TABLE half_done (id INTEGER);\n');
  const fixed = await runMigrate(build.dir, db.url, { MIGRATIONS_DIR: migrationsDir });
  expect(fixed.code, fixed.output).toBe(0);
  expect(await tables()).toEqual([{ name: 'half_done' }, { name: 'notes' }, { name: 'schema_version' }]);
});

test('an applied migration that was edited stops the run', async () => {
  expect((await runMigrate(build.dir, db.url, { MIGRATIONS_DIR: migrationsDir })).code).toBe(0);
  await writeFile(join(migrationsDir, '001-create-notes.sql'), 'CREATE TABLE notes (id INTEGER PRIMARY KEY);\n');
  const edited = await runMigrate(build.dir, db.url, { MIGRATIONS_DIR: migrationsDir });
  expect(edited.code).toBe(1);
  expect(edited.output).toContain('001-create-notes was changed after it was applied');
});

test.each([
  ['a badly named file', 'two.sql', 'name migrations NNN-name.sql'],
  ['a duplicate version', '001-again.sql', 'have the same version 1'],
])('refuses %s before touching the database', async (_name, file, message) => {
  await writeFile(join(migrationsDir, file), 'CREATE TABLE x (id INTEGER);\n');
  const run = await runMigrate(build.dir, db.url, { MIGRATIONS_DIR: migrationsDir });
  expect(run.code).toBe(1);
  expect(run.output).toContain(message);
  expect(await tables()).toEqual([]);
});

test('a wrong token is a failure, not a silent success', async () => {
  const run = await runMigrate(build.dir, db.url, { DB_TOKEN: 'not-the-right-token-at-all' });
  expect(run.code).toBe(1);
  expect(run.output).toContain('a valid bearer token is required');
});

test('an unreachable database fails after WAIT_MS with exit 1', async () => {
  const port = await getPort();
  const run = await runMigrate(build.dir, `http://127.0.0.1:${port}`, { WAIT_MS: '300' });
  expect(run.code).toBe(1);
  expect(run.output).toContain('did not answer within 300 ms');
});
