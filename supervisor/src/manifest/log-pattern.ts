// The `log` probe's pattern: a substring, or `/regex/flags` (DESIGN §4), pure.

/** A compiled log probe pattern. */
export type LogPattern = { readonly kind: 'substring'; readonly text: string } | { readonly kind: 'regex'; readonly regex: RegExp };

const REGEX_LITERAL = /^\/(.+)\/([a-z]*)$/s;

/** Parses a log probe pattern; throws SyntaxError when a `/regex/flags` does not compile. */
export function parseLogPattern(text: string): LogPattern {
  const literal = REGEX_LITERAL.exec(text);
  if (literal?.[1] === undefined) return { kind: 'substring', text };
  return { kind: 'regex', regex: new RegExp(literal[1], literal[2]) };
}

/** Whether one output line matches the pattern. */
export function matchesLogPattern(pattern: LogPattern, line: string): boolean {
  if (pattern.kind === 'substring') return line.includes(pattern.text);
  pattern.regex.lastIndex = 0;
  return pattern.regex.test(line);
}
