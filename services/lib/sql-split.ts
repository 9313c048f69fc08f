// Splits SQL text into single statements, the way SQLite's own shell does: semicolons inside
// quotes, identifiers, comments and a CREATE TRIGGER's BEGIN … END body do not end a statement.
// The sqlite service uses it to refuse text that hides a second statement (node:sqlite would
// silently ignore it); the migrate task uses it to send a migration file statement by statement.

const isWordChar = (char: string): boolean => /[A-Za-z0-9_$]/.test(char);

/** Where a quoted run ends: the index after its closing quote (doubled quotes are escapes). */
const skipQuoted = (sql: string, start: number, close: string): number => {
  let index = start + 1;
  while (index < sql.length) {
    if (sql[index] === close) {
      if (close !== ']' && sql[index + 1] === close) {
        index += 2;
        continue;
      }
      return index + 1;
    }
    index += 1;
  }
  return sql.length;
};

/** The index after a comment starting at `start`, or `start` when there is none. */
const skipComment = (sql: string, start: number): number => {
  if (sql.startsWith('--', start)) {
    const end = sql.indexOf('\n', start);
    return end === -1 ? sql.length : end + 1;
  }
  if (sql.startsWith('/*', start)) {
    const end = sql.indexOf('*/', start + 2);
    return end === -1 ? sql.length : end + 2;
  }
  return start;
};

/** What the scanner meets outside strings and comments: a word (upper-cased), or a semicolon at `at`. */
type SqlToken = { readonly kind: 'word'; readonly word: string } | { readonly kind: 'semicolon'; readonly at: number };

/** The words and semicolons of `sql`, in order, skipping strings, quoted identifiers and comments. */
function* sqlTokens(sql: string): Generator<SqlToken> {
  let index = 0;
  while (index < sql.length) {
    const char = sql[index] ?? '';
    const afterComment = skipComment(sql, index);
    if (afterComment !== index) {
      index = afterComment;
    } else if (char === "'" || char === '"' || char === '`' || char === '[') {
      index = skipQuoted(sql, index, char === '[' ? ']' : char);
    } else if (isWordChar(char)) {
      let end = index;
      while (end < sql.length && isWordChar(sql[end] ?? '')) end += 1;
      yield { kind: 'word', word: sql.slice(index, end).toUpperCase() };
      index = end;
    } else {
      if (char === ';') yield { kind: 'semicolon', at: index };
      index += 1;
    }
  }
}

/** The words of `sql` outside strings and comments, upper-cased, in order (up to `limit`). */
export function sqlWords(sql: string, limit = Number.POSITIVE_INFINITY): string[] {
  const words: string[] = [];
  for (const token of sqlTokens(sql)) {
    if (words.length >= limit) break;
    if (token.kind === 'word') words.push(token.word);
  }
  return words;
}

const isTrigger = (words: readonly string[]): boolean =>
  words[0] === 'CREATE' && (words[1] === 'TRIGGER' || ((words[1] === 'TEMP' || words[1] === 'TEMPORARY') && words[2] === 'TRIGGER'));

/** Splits `sql` into its statements, trimmed, without their final semicolons; comment-only parts are dropped. */
export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let depth = 0;
  let words: string[] = [];
  const finish = (end: number): void => {
    const text = sql.slice(start, end).trim();
    if (sqlWords(text, 1).length > 0) statements.push(text);
    words = [];
    depth = 0;
  };
  for (const token of sqlTokens(sql)) {
    if (token.kind === 'word') {
      words.push(token.word);
      // A trigger's body (BEGIN … END, with CASE … END inside) holds semicolons of its own.
      if (isTrigger(words)) {
        if (token.word === 'BEGIN' || token.word === 'CASE') depth += 1;
        else if (token.word === 'END' && depth > 0) depth -= 1;
      }
    } else if (depth === 0) {
      finish(token.at);
      start = token.at + 1;
    }
  }
  finish(sql.length);
  return statements;
}
