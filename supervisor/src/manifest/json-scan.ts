// A small JSON scanner, pure: finds where a text stops being JSON (for line:column messages,
// which JSON.parse does not always give) and keys written twice in one object (JSON.parse
// silently keeps the last one).

/** What the scan found: the first syntax error, if any, and every duplicated key. */
export interface JsonScan {
  readonly error?: { readonly offset: number; readonly message: string };
  readonly duplicates: readonly { readonly path: readonly PropertyKey[]; readonly offset: number }[];
}

class JsonSyntaxError extends Error {
  readonly offset: number;
  constructor(offset: number, message: string) {
    super(message);
    this.offset = offset;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** Scans `text` as one JSON value. */
export function scanJson(text: string): JsonScan {
  let index = 0;
  const duplicates: { path: PropertyKey[]; offset: number }[] = [];
  const skipWhitespace = (): void => {
    WHITESPACE.lastIndex = index;
    WHITESPACE.exec(text);
    index = WHITESPACE.lastIndex;
  };
  const fail = (expected: string): never => {
    const found = index >= text.length ? 'the end of the file' : `${JSON.stringify(text[index])}`;
    throw new JsonSyntaxError(index, `expected ${expected}, found ${found}`);
  };
  const token = (pattern: RegExp, expected: string): string => {
    pattern.lastIndex = index;
    const match = pattern.exec(text)?.[0] ?? fail(expected);
    const control = [...match].findIndex((char) => char.charCodeAt(0) < 0x20);
    if (control !== -1) {
      index += control;
      fail('no raw control character (write "\\n", "\\t"…) in a string');
    }
    index = pattern.lastIndex;
    return match;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, index)) index += word.length;
    else fail('a value');
  };
  const value = (path: PropertyKey[]): void => {
    skipWhitespace();
    const char = text[index];
    if (char === '{') objectValue(path);
    else if (char === '[') arrayValue(path);
    else if (char === '"') token(STRING, 'a string');
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else token(NUMBER, 'a value');
  };
  const objectValue = (path: PropertyKey[]): void => {
    index += 1;
    skipWhitespace();
    if (text[index] === '}') return void (index += 1);
    const seen = new Set<string>();
    for (;;) {
      skipWhitespace();
      const keyOffset = index;
      const key = JSON.parse(token(STRING, 'a double-quoted key')) as string;
      if (seen.has(key)) duplicates.push({ path: [...path, key], offset: keyOffset });
      seen.add(key);
      skipWhitespace();
      if (text[index] !== ':') fail('":"');
      index += 1;
      value([...path, key]);
      skipWhitespace();
      if (text[index] === '}') return void (index += 1);
      if (text[index] !== ',') fail('"," or "}"');
      index += 1;
    }
  };
  const arrayValue = (path: PropertyKey[]): void => {
    index += 1;
    skipWhitespace();
    if (text[index] === ']') return void (index += 1);
    for (let position = 0; ; position++) {
      value([...path, position]);
      skipWhitespace();
      if (text[index] === ']') return void (index += 1);
      if (text[index] !== ',') fail('"," or "]"');
      index += 1;
    }
  };
  try {
    value([]);
    skipWhitespace();
    if (index < text.length) fail('the end of the file');
    return { duplicates };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { error: { offset: error.offset, message: error.message }, duplicates };
  }
}

/** 1-based "line:column" of a character offset. */
export function lineColumnOf(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return `${line}:${before.length - before.lastIndexOf('\n')}`;
}
