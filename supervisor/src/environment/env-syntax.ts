// The line check of a dotenv file. Node's util.parseEnv reads the values but never says where a
// file is wrong (it skips a line without "=", keeps an unterminated quote as text, takes "A B" as
// a name), so every line is checked here first, with util.parseEnv's own grammar: blank lines and
// "#" comments, an optional `export `, NAME=value, a value quoted with ", ' or ` that may span
// lines up to the first matching quote, and nothing after the closing quote but a comment. Pure.

/** Where and why an env file is not valid dotenv. */
export interface EnvSyntaxError {
  /** 1-based line number. */
  readonly line: number;
  readonly message: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const QUOTES = new Set(['"', "'", '`']);

/** The first syntax error of a dotenv text, or null when every line is valid. */
export function checkEnvSyntax(text: string): EnvSyntaxError | null {
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const number = index + 1;
    const assignment = line.replace(/^export\s+/, '');
    const equals = assignment.indexOf('=');
    if (equals === -1) return { line: number, message: 'expected NAME=value' };
    const name = assignment.slice(0, equals).trim();
    if (!NAME.test(name)) return { line: number, message: `"${name}" is not a valid variable name (letters, digits and "_", not starting with a digit)` };
    const value = assignment.slice(equals + 1).trimStart();
    const quote = value[0];
    if (quote === undefined || !QUOTES.has(quote)) continue;
    // The value ends at the first matching quote, on this line or a later one.
    let rest = value.slice(1);
    let end = rest.indexOf(quote);
    let last = index;
    while (end === -1 && last + 1 < lines.length) {
      last += 1;
      rest = lines[last] ?? '';
      end = rest.indexOf(quote);
    }
    if (end === -1) return { line: number, message: `the ${quote} quote opened here is never closed` };
    const after = rest.slice(end + 1).trim();
    if (after !== '' && !after.startsWith('#')) return { line: last + 1, message: `unexpected text after the closing ${quote} quote (escaped quotes are not supported; use another quote character)` };
    index = last;
  }
  return null;
}
