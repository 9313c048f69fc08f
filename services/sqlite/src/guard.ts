// What a client may send as one statement: exactly one statement (node:sqlite would silently
// drop a second one), no transaction control (the connection is shared, so transactions belong
// to /transaction) and no ATTACH/DETACH (this service owns one file and nothing else).
import { HttpError } from '../../lib/http-error.ts';
import { splitSqlStatements, sqlWords } from '../../lib/sql-split.ts';

const TRANSACTION_WORDS = new Set(['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE']);
const FORBIDDEN_WORDS = new Set(['ATTACH', 'DETACH']);

/** Throws a 4xx HttpError unless `sql` is one statement this service runs. */
export function checkStatement(sql: string): void {
  const statements = splitSqlStatements(sql);
  if (statements.length === 0) throw new HttpError('EMPTY_STATEMENT', 'the SQL text holds no statement');
  if (statements.length > 1) {
    throw new HttpError('MULTIPLE_STATEMENTS', `the SQL text holds ${statements.length} statements; send one per request, or use /transaction`);
  }
  const [first = ''] = sqlWords(sql, 1);
  if (TRANSACTION_WORDS.has(first)) {
    throw new HttpError('TRANSACTION_CONTROL', `${first} is not accepted: send the statements together to POST /transaction`);
  }
  if (FORBIDDEN_WORDS.has(first)) throw new HttpError('FORBIDDEN_STATEMENT', `${first} is not allowed: this service owns a single database file`);
}
