// The Notes web app in a real headless Chromium (playwright-core), against the whole built
// stack: create, edit, search and delete notes the way a person would, by role and label.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { ProcessTracker } from '../../testing/processes.ts';
import { TEST_TOKEN, buildToTemp, makeTempDir, requestJson, runMigrate, startApi, startSqlite, startUi } from '../../testing/stack.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

const tracker = new ProcessTracker();
let build: Awaited<ReturnType<typeof buildToTemp>>;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let uiUrl: string;
let dbUrl: string;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  build = await buildToTemp();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
  await build?.remove();
});
beforeEach(async () => {
  temp = await makeTempDir('ui-browser');
  const db = await startSqlite(tracker, build.dir, join(temp.dir, 'notes.db'));
  dbUrl = db.url;
  expect((await runMigrate(build.dir, db.url)).code).toBe(0);
  const api = await startApi(tracker, build.dir, db.url);
  uiUrl = (await startUi(tracker, build.dir, api.url)).url;
  // Reduced motion: no colour transitions half-way through in the screenshots.
  page = await browser.newPage({ viewport: { width: 1200, height: 800 }, reducedMotion: 'reduce' });
  problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
});
afterEach(async () => {
  await page?.close();
  await tracker.stopAll();
  await temp?.remove();
});

const noteButton = (title: string) => page.getByRole('list', { name: 'All notes' }).getByRole('button', { name: title, exact: true });

test('create, edit, search and delete notes', async () => {
  await page.goto(uiUrl);
  await expect.poll(() => page.locator('#list-summary').textContent()).toBe('0 notes');

  // Create two notes.
  for (const [title, body] of [['Groceries', 'milk, eggs'], ['Trip to Lisbon', 'tram 28, pastéis de nata']] as const) {
    await page.getByRole('button', { name: 'New note' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Body').fill(body);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved');
    await noteButton(title).waitFor();
  }
  await expect.poll(() => page.locator('#list-summary').textContent()).toBe('2 notes');

  // Edit the first one, saving with the keyboard.
  await noteButton('Groceries').click();
  await expect.poll(() => page.getByLabel('Title').inputValue()).toBe('Groceries');
  expect(await noteButton('Groceries').getAttribute('aria-current')).toBe('true');
  await page.getByLabel('Body').fill('milk, eggs, bread');
  await page.keyboard.press('Control+s');
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved');

  // Search by body text.
  await page.getByRole('searchbox', { name: 'Search notes' }).fill('bread');
  await expect.poll(() => page.locator('#list-summary').textContent()).toBe('1 note matches “bread”');
  expect(await page.getByRole('list', { name: 'All notes' }).getByRole('button').count()).toBe(1);
  await page.getByRole('searchbox', { name: 'Search notes' }).fill('');
  await expect.poll(() => page.locator('#list-summary').textContent()).toBe('2 notes');

  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'notes-ui-light.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(ARTIFACTS, 'notes-ui-dark.png') });

  // Delete the open note.
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Deleted “Groceries”');
  await expect.poll(() => page.locator('#list-summary').textContent()).toBe('1 note');
  expect(await noteButton('Groceries').count()).toBe(0);

  // What the page shows is what the API has.
  const stored = await requestJson(`${uiUrl}/api/notes`);
  expect(stored.json.items.map((note: { title: string; body: string }) => [note.title, note.body])).toEqual([['Trip to Lisbon', 'tram 28, pastéis de nata']]);
  expect(problems).toEqual([]);
});

test('a note needs a title; unsaved edits are saved before another note opens', async () => {
  const first = await requestJson(`${uiUrl}/api/notes`, { method: 'POST', body: { title: 'First', body: 'one' } });
  await requestJson(`${uiUrl}/api/notes`, { method: 'POST', body: { title: 'Second', body: 'two' } });
  await page.goto(uiUrl);
  await noteButton('Second').waitFor();

  await page.getByRole('button', { name: 'New note' }).click();
  await page.getByLabel('Body').fill('no title yet');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.getByText('Give the note a title before saving it.').isVisible()).toBe(true);
  expect(await page.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');

  await page.getByLabel('Title').fill('Third');
  // Saving twice in a row must not create the note twice.
  await page.keyboard.press('Control+s');
  await page.keyboard.press('Control+s');
  await expect.poll(() => page.getByRole('status').textContent()).toBe('Saved');
  await expect.poll(async () => (await requestJson(`${uiUrl}/api/notes?q=Third`)).json.total).toBe(1);

  await noteButton('First').click();
  await expect.poll(() => page.getByLabel('Body').inputValue()).toBe('one');
  await page.getByLabel('Body').fill('one, edited');
  await noteButton('Second').click();
  await expect.poll(() => page.getByLabel('Title').inputValue()).toBe('Second');
  const saved = await requestJson(`${uiUrl}/api/notes/${first.json.id}`);
  expect(saved.json.body).toBe('one, edited');
  expect(problems).toEqual([]);
});

test('a page opened before the API is up waits for it, then shows the notes without a reload', async () => {
  await requestJson(`${uiUrl}/api/notes`, { method: 'POST', body: { title: 'Already here', body: '' } });
  const apiPort = await getPort();
  const early = await startUi(tracker, build.dir, `http://127.0.0.1:${apiPort}`);
  await page.goto(early.url);
  await expect.poll(() => page.locator('#list-summary').textContent()).toBe('Waiting for the Notes service…');
  expect(await page.getByRole('alert').textContent()).toContain('cannot reach its server');

  tracker.start(join(build.dir, 'api.mjs'), { PORT: String(apiPort), DB_URL: dbUrl, DB_TOKEN: TEST_TOKEN });
  await noteButton('Already here').waitFor({ timeout: 15_000 });
  await expect.poll(() => page.getByLabel('Title').inputValue()).toBe('Already here');
  expect(await page.getByRole('alert').isHidden()).toBe(true);
  // The failed first attempts are the only console errors (the browser logs each 502).
  expect(problems.every((problem) => problem.includes('502'))).toBe(true);
});
