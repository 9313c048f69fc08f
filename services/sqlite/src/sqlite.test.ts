// The sqlite service as a real process over a real database file.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import getPort from 'get-port';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ProcessTracker } from '../../testing/processes.ts';
import { TEST_TOKEN, buildToTemp, makeTempDir, requestJson, startSqlite } from '../../testing/stack.ts';
import type { SqliteHandle } from '../../testing/stack.ts';

const tracker = new ProcessTracker();
let build: Awaited<ReturnType<typeof buildToTemp>>;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: SqliteHandle;

const post = (path: string, body: unknown, token: string | null = TEST_TOKEN) =>
  requestJson(`${db.url}${path}`, { method: 'POST', body, ...(token === null ? {} : { token }) });

beforeAll(async () => {
  build = await buildToTemp();
});
afterAll(async () => {
  await build.remove();
});
beforeEach(async () => {
  temp = await makeTempDir('sqlite');
  db = await startSqlite(tracker, build.dir, join(temp.dir, 'data', 'notes.db'));
  const created = await post('/exec', { sql: 'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, qty INTEGER)' });
  expect(created.status).toBe(200);
});
afterEach(async () => {
  await tracker.stopAll();
  await temp.remove();
});

describe('authentication', () => {
  test('health needs no token and reveals nothing but its state', async () => {
    const health = await requestJson(`${db.url}/healthz`);
    expect(health).toMatchObject({ status: 200, json: { status: 'ok' } });
    expect(JSON.stringify(health.json)).not.toContain(temp.dir);
  });

  test.each([
    ['no token', null],
    ['a wrong token', 'test-token-0123456789abcdeX'],
    ['a shorter token', 'test'],
  ])('refuses %s with 401', async (_name, token) => {
    const answer = await post('/query', { sql: 'SELECT 1' }, token);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.json.error.code).toBe('UNAUTHORIZED');
  });

  test('without a token, unknown paths are 401 too', async () => {
    expect((await requestJson(`${db.url}/admin`)).status).toBe(401);
  });
});

describe('statements', () => {
  test('exec reports changes and the rowid; query returns rows with positional and named parameters', async () => {
    const insert = await post('/exec', { sql: 'INSERT INTO items (name, qty) VALUES (?, ?)', params: ['pen', 3] });
    expect(insert.json).toEqual({ changes: 1, lastInsertRowid: 1 });
    await post('/exec', { sql: 'INSERT INTO items (name, qty) VALUES (:name, :qty)', params: { name: 'ink', qty: 7 } });
    const rows = await post('/query', { sql: 'SELECT name, qty, typeof(qty) AS type FROM items WHERE qty >= $min ORDER BY id', params: { $min: 1 } });
    expect(rows.json).toEqual({
      rows: [
        { name: 'pen', qty: 3, type: 'integer' },
        { name: 'ink', qty: 7, type: 'integer' },
      ],
    });
  });

  test('values round-trip: null, reals, booleans as 0/1, blobs as base64, big integers as strings', async () => {
    const answer = await post('/query', {
      sql: 'SELECT ? AS n, ? AS r, ? AS b, ? AS blob, 9007199254740993 AS big',
      params: [null, 1.5, true, { $blob: Buffer.from('hi').toString('base64') }],
    });
    expect(answer.json.rows).toEqual([{ n: null, r: 1.5, b: 1, blob: { $blob: 'aGk=' }, big: '9007199254740993' }]);
  });

  test('INSERT … RETURNING through /query gives the new row', async () => {
    const answer = await post('/query', { sql: 'INSERT INTO items (name) VALUES (?) RETURNING id, name', params: ['cup'] });
    expect(answer.json.rows).toEqual([{ id: 1, name: 'cup' }]);
  });

  test('the database is in WAL mode with a busy timeout', async () => {
    const mode = await post('/query', { sql: 'PRAGMA journal_mode' });
    expect(mode.json.rows).toEqual([{ journal_mode: 'wal' }]);
    const timeout = await post('/query', { sql: 'PRAGMA busy_timeout' });
    expect(timeout.json.rows[0].timeout).toBeGreaterThan(0);
  });

  test.each([
    ['a second statement', { sql: 'SELECT 1; DROP TABLE items' }, 400, 'MULTIPLE_STATEMENTS'],
    ['only a comment', { sql: '-- nothing' }, 400, 'EMPTY_STATEMENT'],
    ['BEGIN', { sql: 'BEGIN' }, 400, 'TRANSACTION_CONTROL'],
    ['ATTACH', { sql: "ATTACH '/tmp/other.db' AS other" }, 403, 'FORBIDDEN_STATEMENT'],
    ['a syntax error', { sql: 'SELEC 1' }, 400, 'SQL_ERROR'],
    ['an unknown table', { sql: 'SELECT * FROM nope' }, 400, 'SQL_ERROR'],
    ['a missing sql', { params: [] }, 400, 'VALIDATION_FAILED'],
    ['an unknown field', { sql: 'SELECT 1', extra: true }, 400, 'VALIDATION_FAILED'],
    ['an object parameter', { sql: 'SELECT ?', params: [{ a: 1 }] }, 400, 'VALIDATION_FAILED'],
    ['a body that is not an object', [1, 2], 400, 'VALIDATION_FAILED'],
  ])('refuses %s', async (_name, body, status, code) => {
    const answer = await post('/query', body);
    expect(answer.status).toBe(status);
    expect(answer.json.error.code).toBe(code);
    expect(answer.json.error.message).toEqual(expect.any(String));
  });

  test('a constraint violation is 409 CONSTRAINT', async () => {
    await post('/exec', { sql: 'INSERT INTO items (name) VALUES (?)', params: ['pen'] });
    const duplicate = await post('/exec', { sql: 'INSERT INTO items (name) VALUES (?)', params: ['pen'] });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error.code).toBe('CONSTRAINT');
  });

  test('a result larger than MAX_ROWS is refused', async () => {
    await tracker.stopAll();
    db = await startSqlite(tracker, build.dir, db.dbFile, { MAX_ROWS: '2' });
    const answer = await post('/query', { sql: 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT i FROM n' });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('RESULT_TOO_LARGE');
  });
});

describe('transactions', () => {
  test('apply every statement and return each result', async () => {
    const answer = await post('/transaction', {
      statements: [
        { sql: 'INSERT INTO items (name, qty) VALUES (?, ?)', params: ['a', 1] },
        { sql: 'INSERT INTO items (name, qty) VALUES (?, ?)', params: ['b', 2] },
        { sql: 'SELECT sum(qty) AS total FROM items', rows: true },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.json.results).toEqual([{ changes: 1, lastInsertRowid: 1 }, { changes: 1, lastInsertRowid: 2 }, { rows: [{ total: 3 }] }]);
  });

  test('roll back everything when one statement fails, and say which', async () => {
    const answer = await post('/transaction', {
      statements: [
        { sql: 'INSERT INTO items (name) VALUES (?)', params: ['kept?'] },
        { sql: 'UPDATE items SET qty = 5' },
        { sql: 'INSERT INTO items (name) VALUES (?)', params: ['kept?'] },
      ],
    });
    expect(answer.status).toBe(409);
    expect(answer.json.error).toMatchObject({ code: 'CONSTRAINT', statement: 2 });
    const count = await post('/query', { sql: 'SELECT count(*) AS n FROM items' });
    expect(count.json.rows).toEqual([{ n: 0 }]);
    // The connection is usable again afterwards: no transaction was left open.
    expect((await post('/exec', { sql: 'INSERT INTO items (name) VALUES (?)', params: ['after'] })).status).toBe(200);
  });

  test('refuse transaction control inside, before running anything', async () => {
    const answer = await post('/transaction', {
      statements: [{ sql: 'INSERT INTO items (name) VALUES (?)', params: ['x'] }, { sql: 'COMMIT' }],
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('TRANSACTION_CONTROL');
    expect(answer.json.error.message).toContain('statement 1');
    expect((await post('/query', { sql: 'SELECT count(*) AS n FROM items' })).json.rows).toEqual([{ n: 0 }]);
  });

  test('refuse an empty list', async () => {
    const answer = await post('/transaction', { statements: [] });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('HTTP', () => {
  test('unknown endpoints are 404 and wrong methods 405 with Allow', async () => {
    const missing = await requestJson(`${db.url}/tables`, { token: TEST_TOKEN });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('NOT_FOUND');
    const wrongMethod = await requestJson(`${db.url}/query`, { token: TEST_TOKEN });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  test('bodies must be JSON, valid, and within the size limit', async () => {
    const notJson = await requestJson(`${db.url}/query`, { method: 'POST', token: TEST_TOKEN, body: 'SELECT 1', headers: { 'content-type': 'text/plain' } });
    expect(notJson.status).toBe(415);
    const broken = await requestJson(`${db.url}/query`, { method: 'POST', token: TEST_TOKEN, body: '{"sql":' });
    expect(broken.status).toBe(400);
    expect(broken.json.error.code).toBe('INVALID_JSON');
    const huge = await post('/query', { sql: `SELECT '${'x'.repeat(1024 * 1024)}'` });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('lifecycle', () => {
  test('SIGTERM closes the server and the database cleanly; the data is there after a restart', async () => {
    await post('/exec', { sql: 'INSERT INTO items (name) VALUES (?)', params: ['survives'] });
    const exit = await db.process.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(db.process.output()).toContain('"stopped"');
    // Closing checkpointed the WAL into the main file and removed it.
    await expect(stat(`${db.dbFile}-wal`)).rejects.toThrow();
    expect((await readFile(db.dbFile)).subarray(0, 15).toString()).toBe('SQLite format 3');

    db = await startSqlite(tracker, build.dir, db.dbFile);
    expect((await post('/query', { sql: 'SELECT name FROM items' })).json.rows).toEqual([{ name: 'survives' }]);
  });

  test('the token may come from DB_TOKEN_FILE, as the supervisor injects file secrets', async () => {
    await tracker.stopAll();
    const tokenFile = join(temp.dir, 'db-token');
    await writeFile(tokenFile, `${TEST_TOKEN}\n`, { mode: 0o600 });
    const port = await getPort();
    const fromFile = tracker.start(join(build.dir, 'sqlite.mjs'), { PORT: String(port), DB_FILE: db.dbFile, DB_TOKEN_FILE: tokenFile });
    await fromFile.waitForLine('"listening"');
    const answer = await requestJson(`http://127.0.0.1:${port}/query`, { method: 'POST', body: { sql: 'SELECT 1 AS one' }, token: TEST_TOKEN });
    expect(answer.json.rows).toEqual([{ one: 1 }]);

    const missing = tracker.start(join(build.dir, 'sqlite.mjs'), { PORT: String(port), DB_FILE: db.dbFile, DB_TOKEN_FILE: join(temp.dir, 'nope') });
    expect((await missing.exited).code).toBe(2);
    expect(missing.output()).toContain('DB_TOKEN_FILE: cannot read');
  });

  test('a missing DB_TOKEN stops it before it listens, with exit 2', async () => {
    const bad = tracker.start(join(build.dir, 'sqlite.mjs'), { PORT: '1', DB_FILE: join(temp.dir, 'x.db') });
    expect((await bad.exited).code).toBe(2);
    expect(bad.output()).toContain('DB_TOKEN');
  });
});
