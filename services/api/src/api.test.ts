// The notes API as a real process, in front of a real sqlite service and a migrated database.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ProcessTracker } from '../../testing/processes.ts';
import { buildToTemp, makeTempDir, requestJson, runMigrate, startApi, startSqlite, waitForHttp } from '../../testing/stack.ts';

const shared = new ProcessTracker();
const perTest = new ProcessTracker();
let build: Awaited<ReturnType<typeof buildToTemp>>;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let api: string;

const call = (path: string, options: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => requestJson(`${api}${path}`, options);
const create = async (title: string, body = '') => {
  const answer = await call('/api/notes', { method: 'POST', body: { title, body } });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json as { id: number; title: string; body: string; createdAt: string; updatedAt: string };
};

beforeAll(async () => {
  build = await buildToTemp();
  temp = await makeTempDir('api');
  const db = await startSqlite(shared, build.dir, join(temp.dir, 'notes.db'));
  const migrated = await runMigrate(build.dir, db.url);
  expect(migrated.code, migrated.output).toBe(0);
  api = (await startApi(shared, build.dir, db.url)).url;
});
afterAll(async () => {
  await shared.stopAll();
  await temp?.remove();
  await build?.remove();
});
afterEach(async () => {
  await perTest.stopAll();
});

describe('notes', () => {
  test('create, read, replace, patch and delete a note', async () => {
    const note = await create('  Groceries  ', 'milk');
    expect(note).toMatchObject({ title: 'Groceries', body: 'milk' });
    expect(note.createdAt).toBe(note.updatedAt);
    expect(new Date(note.createdAt).toISOString()).toBe(note.createdAt);

    expect((await call(`/api/notes/${note.id}`)).json).toEqual(note);

    const replaced = await call(`/api/notes/${note.id}`, { method: 'PUT', body: { title: 'Shopping', body: 'milk, eggs' } });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({ id: note.id, title: 'Shopping', body: 'milk, eggs', createdAt: note.createdAt });
    expect(replaced.json.updatedAt >= note.updatedAt).toBe(true);

    const patched = await call(`/api/notes/${note.id}`, { method: 'PATCH', body: { body: 'bread' } });
    expect(patched.json).toMatchObject({ title: 'Shopping', body: 'bread' });

    expect((await call(`/api/notes/${note.id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await call(`/api/notes/${note.id}`);
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe('NOT_FOUND');
    expect((await call(`/api/notes/${note.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await call(`/api/notes/${note.id}`, { method: 'PUT', body: { title: 'x', body: '' } })).status).toBe(404);
  });

  test('the create answer points at the new note', async () => {
    const answer = await call('/api/notes', { method: 'POST', body: { title: 'Located' } });
    expect(answer.headers.get('location')).toBe(`/api/notes/${answer.json.id}`);
    expect(answer.json.body).toBe('');
  });

  test('search matches title or body, case-insensitively, treating % and _ literally', async () => {
    const tag = `zebra${Date.now()}`;
    const inTitle = await create(`About ${tag.toUpperCase()}`);
    const inBody = await create('Other', `mentions ${tag} here`);
    await create('Unrelated', 'nothing');
    await create('Percent', `100% ${tag}`);

    const found = await call(`/api/notes?q=${tag}`);
    expect(found.json.total).toBe(3);
    expect(found.json.items.map((note: { id: number }) => note.id)).toEqual(expect.arrayContaining([inTitle.id, inBody.id]));

    const literal = await call(`/api/notes?q=${encodeURIComponent(`100% ${tag}`)}`);
    expect(literal.json.items.map((note: { title: string }) => note.title)).toEqual(['Percent']);
    expect((await call(`/api/notes?q=${encodeURIComponent('%')}`)).json.items.map((note: { title: string }) => note.title)).toEqual(['Percent']);
    expect((await call(`/api/notes?q=${encodeURIComponent(`_ebra${Date.now()}`)}`)).json.total).toBe(0);
  });

  test('the list is newest edit first, paged, with the total', async () => {
    const tag = `paging${Date.now()}`;
    const made = [];
    for (let index = 0; index < 5; index += 1) made.push(await create(`${tag} ${index}`));
    // Editing the oldest moves it to the top.
    await call(`/api/notes/${made[0]?.id}`, { method: 'PATCH', body: { body: 'edited' } });

    const first = await call(`/api/notes?q=${tag}&limit=2`);
    expect(first.json).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(first.json.items.map((note: { title: string }) => note.title)).toEqual([`${tag} 0`, `${tag} 4`]);
    const last = await call(`/api/notes?q=${tag}&limit=2&offset=4`);
    expect(last.json.items.map((note: { title: string }) => note.title)).toEqual([`${tag} 1`]);
    const beyond = await call(`/api/notes?q=${tag}&offset=50`);
    expect(beyond.json).toMatchObject({ items: [], total: 5 });
  });
});

describe('bad input', () => {
  test.each([
    ['no title', { body: 'x' }, 'body.title'],
    ['a blank title', { title: '   ' }, 'body.title'],
    ['a title too long', { title: 'x'.repeat(201) }, 'body.title'],
    ['a body that is not text', { title: 'x', body: 42 }, 'body.body'],
    ['an unknown field', { title: 'x', color: 'red' }, 'body'],
  ])('POST with %s is 400 naming the field', async (_name, body, path) => {
    const answer = await call('/api/notes', { method: 'POST', body });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('VALIDATION_FAILED');
    expect(answer.json.error.issues.map((issue: { path: string }) => issue.path)).toContain(path);
  });

  test('PUT needs both fields; PATCH needs at least one', async () => {
    const note = await create('Strict');
    expect((await call(`/api/notes/${note.id}`, { method: 'PUT', body: { title: 'only title' } })).status).toBe(400);
    const empty = await call(`/api/notes/${note.id}`, { method: 'PATCH', body: {} });
    expect(empty.status).toBe(400);
    expect(empty.json.error.message).toContain('send "title", "body" or both');
  });

  test.each([
    ['limit=0', 'query.limit'],
    ['limit=1000', 'query.limit'],
    ['offset=-1', 'query.offset'],
    ['limit=ten', 'query.limit'],
    ['sort=title', 'query'],
  ])('GET /api/notes?%s is 400', async (query, path) => {
    const answer = await call(`/api/notes?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.json.error.issues.map((issue: { path: string }) => issue.path)).toContain(path);
  });

  test.each(['abc', '0', '-3', '1.5'])('the id %s is 400', async (id) => {
    const answer = await call(`/api/notes/${id}`);
    expect(answer.status).toBe(400);
    expect(answer.json.error.issues[0].path).toBe('id');
  });

  test('wrong content type, broken JSON, an oversized body', async () => {
    expect((await call('/api/notes', { method: 'POST', body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
    expect((await call('/api/notes', { method: 'POST', body: '{"title":' })).json.error.code).toBe('INVALID_JSON');
    expect((await call('/api/notes', { method: 'POST', body: { title: 'x', body: 'y'.repeat(300 * 1024) } })).status).toBe(413);
  });

  test('unknown paths are 404; wrong methods are 405', async () => {
    expect((await call('/api/users')).status).toBe(404);
    const wrong = await call('/api/notes', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
  });
});

describe('database failures', () => {
  test('a database error is 502 with a generic message; the details go to the log', async () => {
    const dir = await makeTempDir('api-unmigrated');
    try {
      const db = await startSqlite(perTest, build.dir, join(dir.dir, 'notes.db'));
      const ownApi = await startApi(perTest, build.dir, db.url);
      const answer = await requestJson(`${ownApi.url}/api/notes`);
      expect(answer.status).toBe(502);
      expect(answer.json.error).toEqual({ code: 'DB_ERROR', message: 'the database could not complete the request' });
      await ownApi.process.waitForLine('no such table: notes');
    } finally {
      await perTest.stopAll();
      await dir.remove();
    }
  });
});

describe('health', () => {
  test('is 200 with the database and 503 without it', async () => {
    const dir = await makeTempDir('api-health');
    try {
      const db = await startSqlite(perTest, build.dir, join(dir.dir, 'notes.db'));
      expect((await runMigrate(build.dir, db.url)).code).toBe(0);
      const ownApi = await startApi(perTest, build.dir, db.url);
      const healthy = await requestJson(`${ownApi.url}/healthz`);
      expect(healthy).toMatchObject({ status: 200, json: { status: 'ok', db: 'ok' } });

      await db.process.stop();
      const sick = await requestJson(`${ownApi.url}/healthz`);
      expect(sick).toMatchObject({ status: 503, json: { status: 'unavailable', db: 'unreachable' } });
      // Still alive, though: nothing to gain from restarting the API while the database is away.
      expect(await requestJson(`${ownApi.url}/livez`)).toMatchObject({ status: 200, json: { status: 'ok' } });
      const list = await requestJson(`${ownApi.url}/api/notes`);
      expect(list.status).toBe(503);
      expect(list.json.error.code).toBe('DB_UNAVAILABLE');

      // The API recovers by itself once the database is back on the same port.
      const port = new URL(db.url).port;
      perTest.start(join(build.dir, 'sqlite.mjs'), { PORT: port, DB_FILE: db.dbFile, DB_TOKEN: 'test-token-0123456789abcdef' });
      await waitForHttp(`${ownApi.url}/healthz`);
      expect((await requestJson(`${ownApi.url}/api/notes`)).status).toBe(200);
    } finally {
      await perTest.stopAll();
      await dir.remove();
    }
  });
});
