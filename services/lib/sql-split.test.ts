import { describe, expect, test } from 'vitest';
import { splitSqlStatements, sqlWords } from './sql-split.ts';

describe('splitSqlStatements', () => {
  test.each([
    ['empty text', '', []],
    ['only comments and blanks', '  -- nothing\n/* still nothing */ ;; ', []],
    ['one statement without semicolon', 'SELECT 1', ['SELECT 1']],
    ['two statements', 'SELECT 1; SELECT 2;', ['SELECT 1', 'SELECT 2']],
    ['semicolon in a string', "INSERT INTO t VALUES ('a;b');SELECT 2", ["INSERT INTO t VALUES ('a;b')", 'SELECT 2']],
    ['doubled quote in a string', "SELECT 'it''s; fine'; SELECT 3", ["SELECT 'it''s; fine'", 'SELECT 3']],
    ['quoted identifiers', 'SELECT "a;b", `c;d`, [e;f] FROM t; SELECT 1', ['SELECT "a;b", `c;d`, [e;f] FROM t', 'SELECT 1']],
    ['line comment with semicolon', 'SELECT 1 -- not; a split\n; SELECT 2', ['SELECT 1 -- not; a split', 'SELECT 2']],
    ['block comment with semicolon', 'SELECT /* ; */ 1; SELECT 2', ['SELECT /* ; */ 1', 'SELECT 2']],
    [
      'trigger body',
      "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET n = n + 1; SELECT CASE WHEN 1 THEN 'x' END; END; SELECT 1",
      ["CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET n = n + 1; SELECT CASE WHEN 1 THEN 'x' END; END", 'SELECT 1'],
    ],
    [
      'temporary trigger',
      'create temp trigger t before delete on a begin delete from b; end; select 1',
      ['create temp trigger t before delete on a begin delete from b; end', 'select 1'],
    ],
    ['a column named end_date does not end anything', 'SELECT end_date FROM t; SELECT 1', ['SELECT end_date FROM t', 'SELECT 1']],
    ['unterminated string stays one statement', "SELECT 'abc; SELECT 2", ["SELECT 'abc; SELECT 2"]],
  ])('%s', (_name, sql, expected) => {
    expect(splitSqlStatements(sql)).toEqual(expected);
  });
});

describe('sqlWords', () => {
  test('skips comments, strings and identifiers in quotes', () => {
    expect(sqlWords("/* BEGIN */ -- COMMIT\n  attach 'x.db' AS \"other\"")).toEqual(['ATTACH', 'AS']);
  });

  test('stops at the limit', () => {
    expect(sqlWords('select a, b, c from t', 2)).toEqual(['SELECT', 'A']);
  });
});
