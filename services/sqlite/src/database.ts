// The database this service owns: one node:sqlite connection in WAL mode with a busy timeout,
// a small cache of prepared statements, and the three operations the HTTP API offers. SQLite
// errors become HttpErrors (constraint → 409, busy/locked → 503, anything else → 400).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type * as NodeSqlite from 'node:sqlite';
import type { StatementSync } from 'node:sqlite';
import { HttpError } from '../../lib/http-error.ts';
import { toBindArguments, toJsonRow, toJsonRowid } from './values.ts';
import type { JsonCell, Params } from './values.ts';

/** A statement with its parameters. */
export interface Statement {
  sql: string;
  params?: Params | undefined;
}

/** What a write reports. */
export interface ExecResult {
  changes: number;
  lastInsertRowid: number | string;
}

/** What a read returns. */
export interface QueryResult {
  rows: Record<string, JsonCell>[];
}

/** The operations of the HTTP API over one open database. */
export interface Database {
  /** Runs one statement and returns its rows (at most `maxRows`). */
  query(statement: Statement): QueryResult;
  /** Runs one statement and returns what it changed. */
  exec(statement: Statement): ExecResult;
  /** Runs every statement in one IMMEDIATE transaction; any failure rolls all of them back. */
  transaction(statements: readonly (Statement & { rows?: boolean | undefined })[]): (ExecResult | QueryResult)[];
  /** True when the connection answers a trivial query. */
  isHealthy(): boolean;
  close(): void;
}

const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_CONSTRAINT = 19;
const STATEMENT_CACHE_SIZE = 200;

/** Turns an error thrown by node:sqlite into the HttpError the client should see. */
export function toHttpError(error: unknown, details: Record<string, unknown> = {}): HttpError {
  if (error instanceof HttpError) return error;
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number') {
    const primary = errcode & 0xff;
    if (primary === SQLITE_CONSTRAINT) return new HttpError('CONSTRAINT', message, { details });
    if (primary === SQLITE_BUSY || primary === SQLITE_LOCKED) return new HttpError('BUSY', message, { details });
    return new HttpError('SQL_ERROR', message, { details });
  }
  // Binding problems (unknown named parameter, wrong count) are the client's too.
  if (typeof code === 'string' && /^ERR_(INVALID|OUT_OF_RANGE|SQLITE)/.test(code)) return new HttpError('SQL_ERROR', message, { details });
  return new HttpError('INTERNAL', 'the database failed', { cause: error });
}

/** node:sqlite, or an error that says what is missing on a runtime without it. */
function loadSqlite(): typeof NodeSqlite {
  let sqlite: typeof NodeSqlite | undefined;
  try {
    // getBuiltinModule (not a static import) so a runtime without node:sqlite gets this message.
    sqlite = process.getBuiltinModule?.('node:sqlite') as typeof NodeSqlite | undefined;
  } catch {
    sqlite = undefined;
  }
  if (sqlite === undefined) {
    throw new Error(`node:sqlite is not available in this runtime (Node ${process.versions.node}); the sqlite service needs Node 22.13 or later`);
  }
  return sqlite;
}

/** Opens (creating if needed) `file` in WAL mode with the given busy timeout. */
export function openDatabase(file: string, options: { busyTimeoutMs: number; maxRows: number }): Database & { journalMode: string } {
  mkdirSync(dirname(file), { recursive: true });
  const { DatabaseSync } = loadSqlite();
  const db = new DatabaseSync(file);
  db.exec(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs)}`);
  const { journal_mode: journalMode } = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string };
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');

  const cache = new Map<string, StatementSync>();
  const prepare = (sql: string): StatementSync => {
    const cached = cache.get(sql);
    if (cached !== undefined) {
      cache.delete(sql);
      cache.set(sql, cached);
      return cached;
    }
    const statement = db.prepare(sql);
    statement.setReadBigInts(true);
    cache.set(sql, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return statement;
  };

  // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL); that is fine.
  const rollback = (): void => {
    try {
      db.exec('ROLLBACK');
    } catch {
      // no transaction left to roll back
    }
  };
  let open = true;

  const runQuery = ({ sql, params }: Statement): QueryResult => {
    const rows: Record<string, JsonCell>[] = [];
    const statement = prepare(sql);
    const args = toBindArguments(params);
    const rowsIterator = 'named' in args ? statement.iterate(args.named) : statement.iterate(...args.positional);
    for (const row of rowsIterator) {
      if (rows.length === options.maxRows) {
        throw new HttpError('RESULT_TOO_LARGE', `the result has more than ${options.maxRows} rows; page it with LIMIT and OFFSET`);
      }
      rows.push(toJsonRow(row));
    }
    return { rows };
  };
  const runExec = ({ sql, params }: Statement): ExecResult => {
    const statement = prepare(sql);
    const args = toBindArguments(params);
    const { changes, lastInsertRowid } = 'named' in args ? statement.run(args.named) : statement.run(...args.positional);
    return { changes: Number(changes), lastInsertRowid: toJsonRowid(lastInsertRowid) };
  };

  return {
    journalMode,
    query(statement) {
      try {
        return runQuery(statement);
      } catch (error) {
        throw toHttpError(error);
      }
    },
    exec(statement) {
      try {
        return runExec(statement);
      } catch (error) {
        throw toHttpError(error);
      }
    },
    transaction(statements) {
      try {
        db.exec('BEGIN IMMEDIATE');
      } catch (error) {
        throw toHttpError(error);
      }
      const results: (ExecResult | QueryResult)[] = [];
      for (const [index, statement] of statements.entries()) {
        try {
          results.push(statement.rows === true ? runQuery(statement) : runExec(statement));
        } catch (error) {
          rollback();
          const httpError = toHttpError(error);
          throw new HttpError(httpError.code, `statement ${index} failed, nothing was applied: ${httpError.message}`, {
            cause: error,
            details: { ...httpError.details, statement: index },
          });
        }
      }
      try {
        db.exec('COMMIT');
      } catch (error) {
        rollback();
        throw toHttpError(error);
      }
      return results;
    },
    isHealthy() {
      try {
        return db.prepare('SELECT 1 AS ok').get() !== undefined;
      } catch {
        return false;
      }
    },
    close() {
      cache.clear();
      if (open) db.close();
      open = false;
    },
  };
}
