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

/** The words of `sql` outside strings and comments, upper-cased, in order (up to `limit`). */
export function sqlWords(sql: string, limit = Number.POSITIVE_INFINITY): string[] {
  const words: string[] = [];
  let index = 0;
  while (index < sql.length && words.length < limit) {
    const char = sql[index] ?? '';
    const afterComment = skipComment(sql, index);
    if (afterComment !== index) {
      index = afterComment;
    } else if (char === "'" || char === '"' || char === '`' || char === '[') {
      index = skipQuoted(sql, index, char === '[' ? ']' : char);
    } else if (isWordChar(char)) {
      let end = index;
      while (end < sql.length && isWordChar(sql[end] ?? '')) end += 1;
      words.push(sql.slice(index, end).toUpperCase());
      index = end;
    } else {
      index += 1;
    }
  }
  return words;
}

const isTrigger = (words: readonly string[]): boolean =>
  words[0] === 'CREATE' && (words[1] === 'TRIGGER' || ((words[1] === 'TEMP' || words[1] === 'TEMPORARY') && words[2] === 'TRIGGER'));

/** Splits `sql` into its statements, trimmed, without their final semicolons; comment-only parts are dropped. */
export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let index = 0;
  let depth = 0;
  let words: string[] = [];
  const finish = (end: number): void => {
    const text = sql.slice(start, end).trim();
    if (sqlWords(text, 1).length > 0) statements.push(text);
    words = [];
    depth = 0;
  };
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
      const word = sql.slice(index, end).toUpperCase();
      words.push(word);
      if (isTrigger(words)) {
        if (word === 'BEGIN' || word === 'CASE') depth += 1;
        else if (word === 'END' && depth > 0) depth -= 1;
      }
      index = end;
    } else if (char === ';' && depth === 0) {
      finish(index);
      index += 1;
      start = index;
    } else {
      index += 1;
    }
  }
  finish(sql.length);
  return statements;
}
