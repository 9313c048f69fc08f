// The Notes example app as a person gets it (issue 6): the built `berth run` (headless profile,
// not a TTY) on the root bundle.json, and the app in Debian's headless Chromium. In order, on one
// state dir: create, edit, search and delete notes; kill -9 the API → restarted, the app works
// again; SIGINT and a new start → the notes are still there and migrate does not run again; an
// upgraded copy of the bundle (app.version 1.1.0, a 002 migration) → data/ is backed up, the
// migration runs once, the notes survive, and a further start does not run it again.
// Every test stops its supervisor and checks that no process it reported is left, also when it
// fails (afterEach). Screenshots land in test-artifacts/notes/ (not committed).
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BerthRun } from './helpers/berth-run.ts';
import { launchChromium, snapScreen, watchPageErrors } from './helpers/dashboard-browser.ts';
import { isPidLiving, ProcessTracker } from './helpers/process-groups.ts';
import { readRunRecords } from './helpers/run-records.ts';
import { Sandbox } from './helpers/sandbox.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url)).replace(/\/$/, '');
const BUNDLE = join(ROOT, 'bundle.json');
const SHOTS = join(ROOT, 'test-artifacts/notes');
const SERVICES = ['db', 'migrate', 'api', 'ui'] as const;
/** Start-up and restarts on a loaded two-core machine: generous, and polled, never slept. */
const START_MS = 60_000;

/** The parts of bundle.json the upgraded copy changes; everything else is kept as it is. */
const EditableBundle = z.looseObject({
  app: z.looseObject({ version: z.string() }),
  services: z.record(z.string(), z.looseObject({ command: z.array(z.string()), env: z.record(z.string(), z.string()).optional() })),
});

/** Rows of `sql` from a database file of a stopped supervisor. */
function queryDb(file: string, sql: string): unknown[] {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe('the Notes bundle through berth run, in Chromium', () => {
  const tracker = new ProcessTracker();
  let sandbox: Sandbox;
  let browser: Browser;
  let berth: BerthRun | null = null;
  let page: Page | null = null;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    [sandbox, browser] = await Promise.all([Sandbox.create('notes-e2e'), launchChromium()]);
  });

  // A failed test leaves its supervisor running: stop it (SIGINT, then SIGKILL), and check — not
  // assume — that no process of any group it reported is left.
  afterEach(async () => {
    await page?.close();
    page = null;
    const run = berth;
    berth = null;
    const problems: string[] = [];
    if (run !== null) {
      await run.trackRunRecords();
      if (run.exit === null) {
        run.signal('SIGINT');
        if ((await Promise.race([run.exited, new Promise((done) => setTimeout(done, 20_000, null))])) === null) {
          problems.push(`supervisor ${run.pid} did not exit within 20 s of SIGINT`);
          run.signal('SIGKILL');
          await run.exited;
        }
      }
      await run.trackRunRecords();
    }
    const left = await tracker.waitGone(5_000);
    if (left.length > 0) {
      tracker.killAll();
      problems.push(`processes left behind: ${left.map((entry) => `${entry.what}: pids ${entry.pids.join(', ')}`).join('; ')}`);
    }
    if (problems.length > 0) throw new Error(`${problems.join('\n')}\n${run?.output ?? ''}`);
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.remove();
  });

  const stateFile = (...parts: string[]) => join(sandbox.stateDir, ...parts);
  const notesList = () => current().getByRole('list', { name: 'All notes' });
  const noteButton = (title: string) => notesList().getByRole('button', { name: title, exact: true });
  const listedTitles = () => notesList().locator('.note-title').allTextContents();
  /** Waits for the list to show `titles` after a page load; a failure says what the page showed instead. */
  async function expectListedAfterLoad(titles: string[]): Promise<void> {
    try {
      await expect.poll(listedTitles, { timeout: 15_000 }).toEqual(titles);
    } catch (error) {
      const alert = await current().locator('#alert').textContent().catch(() => null);
      const shown = await summary().catch(() => null);
      throw new Error(`the list did not show ${JSON.stringify(titles)}: summary ${JSON.stringify(shown)}, alert ${JSON.stringify(alert)}, run output:\n${running().stdout.slice(-4000)}`, { cause: error });
    }
  }
  const summary = () => current().locator('#list-summary').textContent();
  const statusText = () => current().getByRole('status').textContent();

  function current(): Page {
    if (page === null) throw new Error('no page open');
    return page;
  }

  function running(): BerthRun {
    if (berth === null) throw new Error('no supervisor running');
    return berth;
  }

  /** Starts `berth run` on `bundle` and waits for the printed start-up summary and every service up; returns the app's URL. */
  async function startBerth(bundle = BUNDLE): Promise<string> {
    const run = new BerthRun(sandbox, tracker, { bundle });
    berth = run;
    const [, printedUrl] = await run.waitForOutput(/^\s*App:\s+(\S+)$/m, START_MS);
    const services = await run.waitForStates([...SERVICES], ['ready', 'completed'], START_MS);
    expect(services.migrate?.state).toBe('completed');
    const status = await run.status();
    expect(status.supervisor.profile).toBe('headless');
    expect(status.uiUrl).toBe(printedUrl);
    if (status.uiUrl === null) throw new Error('no uiUrl in /status');
    await run.trackRunRecords();
    return status.uiUrl;
  }

  /** SIGINT (one Ctrl-C): exit 0, control.json removed, nothing it ever reported still alive. */
  async function stopBerth(): Promise<void> {
    const run = running();
    await run.trackRunRecords();
    run.signal('SIGINT');
    const exit = await run.waitForExit(30_000);
    expect({ code: exit.code, signal: exit.signal }, run.output).toEqual({ code: 0, signal: null });
    await run.trackRunRecords();
    expect(await tracker.waitGone(5_000)).toEqual([]);
    expect(existsSync(stateFile('control.json'))).toBe(false);
  }

  /** A fresh page on the app, with its errors collected. */
  async function openApp(uiUrl: string): Promise<Page> {
    page = await browser.newPage({ viewport: { width: 1200, height: 800 }, reducedMotion: 'reduce' });
    pageErrors = watchPageErrors(page);
    const response = await page.goto(uiUrl);
    expect(response?.status()).toBe(200);
    return page;
  }

  async function createNote(title: string, body: string): Promise<void> {
    const p = current();
    await p.getByRole('button', { name: 'New note' }).click();
    await p.getByLabel('Title').fill(title);
    await p.getByLabel('Body').fill(body);
    await p.getByRole('button', { name: 'Save' }).click();
    await expect.poll(statusText).toBe('Saved');
    await noteButton(title).waitFor();
  }

  async function openNote(title: string): Promise<void> {
    await noteButton(title).click();
    await expect.poll(() => current().getByLabel('Title').inputValue()).toBe(title);
  }

  /** What the API holds, through the UI's own proxy: [title, body] newest edit first. */
  async function storedNotes(uiUrl: string): Promise<string[][]> {
    const reply = await fetch(new URL('api/notes', uiUrl));
    expect(reply.status).toBe(200);
    const { items } = z.object({ items: z.array(z.object({ title: z.string(), body: z.string() })) }).parse(await reply.json());
    return items.map((note) => [note.title, note.body]);
  }

  it('creates, edits, searches and deletes notes through the UI', async () => {
    const uiUrl = await startBerth();
    await openApp(uiUrl);
    await expect.poll(summary, { timeout: 15_000 }).toBe('0 notes');

    await createNote('Groceries', 'milk, eggs');
    await createNote('Trip to Lisbon', 'tram 28, pastéis de nata');
    await createNote('Call the plumber', 'the kitchen tap drips');
    await expect.poll(summary).toBe('3 notes');
    await snapScreen(current(), '1-created', SHOTS);

    // Edit title and body of one note; the list follows.
    await openNote('Groceries');
    await current().getByLabel('Title').fill('Groceries for Sunday');
    await current().getByLabel('Body').fill('milk, eggs, bread');
    await current().getByRole('button', { name: 'Save' }).click();
    await expect.poll(statusText).toBe('Saved');
    await noteButton('Groceries for Sunday').waitFor();
    expect(await noteButton('Groceries').count()).toBe(0);
    expect(await noteButton('Groceries for Sunday').getAttribute('aria-current')).toBe('true');

    // Search by body text, then by title in another case.
    const search = current().getByRole('searchbox', { name: 'Search notes' });
    await search.fill('bread');
    await expect.poll(summary).toBe('1 note matches “bread”');
    expect(await listedTitles()).toEqual(['Groceries for Sunday']);
    await snapScreen(current(), '1-search', SHOTS);
    await search.fill('LISBON');
    await expect.poll(summary).toBe('1 note matches “LISBON”');
    expect(await listedTitles()).toEqual(['Trip to Lisbon']);
    await search.fill('');
    await expect.poll(summary).toBe('3 notes');

    // Delete one.
    await openNote('Call the plumber');
    await current().getByRole('button', { name: 'Delete' }).click();
    await expect.poll(statusText).toBe('Deleted “Call the plumber”');
    await expect.poll(summary).toBe('2 notes');
    expect(await noteButton('Call the plumber').count()).toBe(0);
    await snapScreen(current(), '1-deleted', SHOTS);

    // What the page shows is what the API has, and a reload shows it again.
    expect(await storedNotes(uiUrl)).toEqual([
      ['Groceries for Sunday', 'milk, eggs, bread'],
      ['Trip to Lisbon', 'tram 28, pastéis de nata'],
    ]);
    await current().reload();
    await expect.poll(listedTitles).toEqual(['Groceries for Sunday', 'Trip to Lisbon']);
    expect(pageErrors).toEqual([]);
    await stopBerth();
  });

  it('restarts the API after kill -9 (new pid, restarts counted) and the app works again', async () => {
    const uiUrl = await startBerth();
    await openApp(uiUrl);
    await expectListedAfterLoad(['Groceries for Sunday', 'Trip to Lisbon']);

    const before = await running().service('api');
    if (before.pid === null) throw new Error('api has no pid');
    const { port } = before.ports.http ?? { port: 0 };
    process.kill(before.pid, 'SIGKILL');
    const after = await running().waitFor(
      `api restarted after kill -9 of pid ${before.pid}`,
      (services) => services.api?.state === 'ready' && services.api.pid !== null && services.api.pid !== before.pid,
      START_MS,
    );
    expect(after.api?.restarts).toBeGreaterThanOrEqual(1);
    expect(after.api?.ports.http?.port).toBe(port);
    expect(isPidLiving(before.pid)).toBe(false);
    await running().trackRunRecords();
    const killed = (await readRunRecords(sandbox.stateDir, 'api')).find((record) => record.pid === before.pid);
    expect(killed).toMatchObject({ signal: 'SIGKILL', exitCode: null });

    // The page, still open, saves through the restarted API.
    await createNote('After the crash', 'the API was killed with -9 and came back');
    await expect.poll(summary).toBe('3 notes');
    expect((await storedNotes(uiUrl)).map(([title]) => title)).toEqual(['After the crash', 'Groceries for Sunday', 'Trip to Lisbon']);
    await snapScreen(current(), '2-after-api-kill', SHOTS);
    expect(pageErrors).toEqual([]);
    await stopBerth();
  });

  it('after a stop and a new start on the same state dir the notes are there and migrate ran once', async () => {
    const uiUrl = await startBerth();
    const run = running();
    const migrate = await run.service('migrate');
    expect(migrate).toMatchObject({ state: 'completed', runId: null });
    expect(migrate.reason).toMatch(/^up to date/);
    expect(run.stdout).toMatch(/migrate: completed \(up to date: completed for version 1\.0\.0\)/);
    expect(await readRunRecords(sandbox.stateDir, 'migrate')).toHaveLength(1);

    await openApp(uiUrl);
    await expectListedAfterLoad(['After the crash', 'Groceries for Sunday', 'Trip to Lisbon']);
    await openNote('Groceries for Sunday');
    expect(await current().getByLabel('Body').inputValue()).toBe('milk, eggs, bread');
    await snapScreen(current(), '3-after-restart', SHOTS);
    expect(pageErrors).toEqual([]);
    await stopBerth();

    const migrateLog = await readFile(stateFile('logs', 'migrate.log'), 'utf8');
    expect(migrateLog.match(/"msg":"applied 001-create-notes"/g)).toHaveLength(1);
    expect(queryDb(stateFile('data', 'notes.db'), 'SELECT version, name FROM schema_version')).toEqual([{ version: 1, name: '001-create-notes' }]);
  });

  /** A copy of bundle.json at app.version 1.1.0, run from the repo's dist/, with a 002 migration beside the original. */
  async function writeUpgradedBundle(): Promise<string> {
    const dir = sandbox.path('notes-1.1.0');
    const migrations = join(dir, 'migrations');
    await mkdir(migrations, { recursive: true });
    await copyFile(join(ROOT, 'services/migrate/migrations/001-create-notes.sql'), join(migrations, '001-create-notes.sql'));
    await writeFile(join(migrations, '002-add-column.sql'), '-- 1.1.0: notes can be pinned (nothing uses it yet).\nALTER TABLE notes ADD COLUMN pinned INTEGER;\n');
    const { $schema: _schema, ...bundle } = EditableBundle.parse(JSON.parse(await readFile(BUNDLE, 'utf8')));
    bundle.app.version = '1.1.0';
    for (const service of Object.values(bundle.services)) service.command = service.command.map((part) => part.replaceAll('${bundleDir}', ROOT));
    const migrate = bundle.services.migrate;
    if (migrate === undefined) throw new Error('bundle.json has no migrate service');
    migrate.env = { ...migrate.env, MIGRATIONS_DIR: migrations };
    const file = join(dir, 'bundle.json');
    await writeFile(file, `${JSON.stringify(bundle, null, 2)}\n`);
    return file;
  }

  it('an upgraded bundle (1.1.0, a 002 migration) backs up data/, runs the migration once and keeps the notes', async () => {
    const upgraded = await writeUpgradedBundle();
    const uiUrl = await startBerth(upgraded);
    const run = running();
    const status = await run.status();
    expect(status.app.version).toBe('1.1.0');
    const migrate = status.services.find((service) => service.name === 'migrate');
    expect(migrate).toMatchObject({ state: 'completed', reason: null, lastExit: { code: 0, signal: null } });
    expect(run.stdout).not.toMatch(/up to date/);
    expect(run.stdout).toContain('applied 002-add-column');
    const runs = await readRunRecords(sandbox.stateDir, 'migrate');
    expect(runs.map((record) => record.exitCode)).toEqual([0, 0]);

    const state = z.object({ tasks: z.record(z.string(), z.object({ lastCompletedVersion: z.string() })) }).parse(JSON.parse(await readFile(stateFile('state.json'), 'utf8')));
    expect(state.tasks.migrate?.lastCompletedVersion).toBe('1.1.0');

    // One backup of the 1.0.0 data, taken before the migration started.
    const backups = (await readdir(sandbox.stateDir)).filter((name) => name.startsWith('data.backup-'));
    expect(backups).toHaveLength(1);
    const [backup = ''] = backups;
    const stamp = /^data\.backup-1\.0\.0-(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d\.\d{3})Z$/.exec(backup);
    if (stamp === null) throw new Error(`unexpected backup name ${backup}`);
    const [, year, month, day, hours, minutes, seconds] = stamp;
    const backedUpAt = Date.parse(`${year}-${month}-${day}T${hours}:${minutes}:${seconds}Z`);
    expect(backedUpAt).toBeLessThanOrEqual(Date.parse(runs[1]?.startedAt ?? ''));
    expect(existsSync(stateFile(backup, 'notes.db'))).toBe(true);

    await openApp(uiUrl);
    await expectListedAfterLoad(['After the crash', 'Groceries for Sunday', 'Trip to Lisbon']);
    await createNote('Written by 1.1.0', 'after the 002 migration');
    await snapScreen(current(), '4-after-upgrade', SHOTS);
    expect(pageErrors).toEqual([]);
    await stopBerth();

    // The live database has both migrations and the new column; the backup is the 1.0.0 database.
    const liveDb = stateFile('data', 'notes.db');
    expect(queryDb(liveDb, 'SELECT version FROM schema_version ORDER BY version')).toEqual([{ version: 1 }, { version: 2 }]);
    expect(queryDb(liveDb, 'SELECT name FROM pragma_table_info(\'notes\') WHERE name = \'pinned\'')).toEqual([{ name: 'pinned' }]);
    const backupDb = stateFile(backup, 'notes.db');
    expect(queryDb(backupDb, 'SELECT version FROM schema_version')).toEqual([{ version: 1 }]);
    expect(queryDb(backupDb, 'SELECT name FROM pragma_table_info(\'notes\') WHERE name = \'pinned\'')).toEqual([]);
    expect(queryDb(backupDb, 'SELECT title FROM notes ORDER BY title')).toEqual([{ title: 'After the crash' }, { title: 'Groceries for Sunday' }, { title: 'Trip to Lisbon' }]);
    const migrateLog = await readFile(stateFile('logs', 'migrate.log'), 'utf8');
    expect(migrateLog.match(/"msg":"applied 002-add-column"/g)).toHaveLength(1);
  });

  it('a further start of 1.1.0 does not run the migration again nor take another backup', async () => {
    const uiUrl = await startBerth(sandbox.path('notes-1.1.0/bundle.json'));
    const migrate = await running().service('migrate');
    expect(migrate).toMatchObject({ state: 'completed', runId: null, reason: 'up to date: completed for version 1.1.0' });
    expect(await readRunRecords(sandbox.stateDir, 'migrate')).toHaveLength(2);
    expect((await readdir(sandbox.stateDir)).filter((name) => name.startsWith('data.backup-'))).toHaveLength(1);

    await openApp(uiUrl);
    await expectListedAfterLoad(['Written by 1.1.0', 'After the crash', 'Groceries for Sunday', 'Trip to Lisbon']);
    await snapScreen(current(), '5-second-start-of-1.1.0', SHOTS);
    expect(pageErrors).toEqual([]);
    await stopBerth();
    expect(queryDb(stateFile('data', 'notes.db'), 'SELECT version FROM schema_version ORDER BY version')).toEqual([{ version: 1 }, { version: 2 }]);
  });
});
