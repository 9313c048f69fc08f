// The client side of the sqlite service's HTTP API, shared by the migrate task and the notes API.
// A refused connection or a timeout is DB_UNAVAILABLE (503); an answer with an error keeps the
// sqlite service's code (CONSTRAINT, SQL_ERROR…) so callers can act on it.
import { HttpError } from './http-error.ts';
import type { ErrorCode } from './http-error.ts';

/** A parameter value as the sqlite service accepts it. */
export type DbValue = string | number | boolean | null;
/** Positional or named parameters. */
export type DbParams = readonly DbValue[] | Readonly<Record<string, DbValue>>;
/** One statement of a transaction; `rows: true` returns its rows instead of its changes. */
export interface DbStatement {
  sql: string;
  params?: DbParams;
  rows?: boolean;
}
/** What a write reports. */
export interface DbExecResult {
  changes: number;
  lastInsertRowid: number | string;
}
/** A result row. */
export type DbRow = Record<string, unknown>;

/** An error answered by (or on the way to) the sqlite service. */
export class DbError extends HttpError {
  /** The sqlite service's own code, or DB_UNAVAILABLE when it could not be reached. */
  readonly dbCode: string;

  constructor(dbCode: string, message: string, options: { cause?: unknown } = {}) {
    const code: ErrorCode = dbCode === 'DB_UNAVAILABLE' || dbCode === 'BUSY' ? 'DB_UNAVAILABLE' : dbCode === 'CONSTRAINT' ? 'CONSTRAINT' : 'DB_ERROR';
    super(code, message, options.cause === undefined ? {} : { cause: options.cause });
    this.name = 'DbError';
    this.dbCode = dbCode;
  }
}

/** A client of one sqlite service. */
export interface DbClient {
  query<Row extends DbRow = DbRow>(sql: string, params?: DbParams): Promise<Row[]>;
  exec(sql: string, params?: DbParams): Promise<DbExecResult>;
  transaction(statements: readonly DbStatement[]): Promise<(DbExecResult | { rows: DbRow[] })[]>;
  /** True when GET /healthz answers 200 in time. */
  ping(timeoutMs?: number): Promise<boolean>;
}

/** Makes a client for the sqlite service at `baseUrl`, authenticating with `token`. */
export function createDbClient(options: { baseUrl: string; token: string; timeoutMs?: number }): DbClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const post = async <Result>(path: string, body: unknown): Promise<Result> => {
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new DbError('DB_UNAVAILABLE', `the database service at ${options.baseUrl} is unreachable`, { cause: error });
    }
    const payload = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
    if (!response.ok) {
      const code = payload?.error?.code ?? `HTTP_${response.status}`;
      throw new DbError(code, payload?.error?.message ?? `the database service answered ${response.status}`);
    }
    if (payload === undefined) throw new DbError('DB_ERROR', 'the database service answered something other than JSON');
    return payload as Result;
  };
  return {
    query: async <Row extends DbRow>(sql: string, params: DbParams = []) => (await post<{ rows: Row[] }>('/query', { sql, params })).rows,
    exec: (sql, params = []) => post<DbExecResult>('/exec', { sql, params }),
    transaction: async (statements) => (await post<{ results: (DbExecResult | { rows: DbRow[] })[] }>('/transaction', { statements })).results,
    async ping(pingTimeoutMs = 1_000) {
      try {
        const response = await fetch(`${options.baseUrl}/healthz`, { signal: AbortSignal.timeout(pingTimeoutMs) });
        await response.body?.cancel();
        return response.ok;
      } catch {
        return false;
      }
    },
  };
}
