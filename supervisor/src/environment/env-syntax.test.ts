import { describe, expect, it } from 'vitest';
import { checkEnvSyntax } from './env-syntax.ts';

describe('checkEnvSyntax', () => {
  it.each([
    ['plain values, blanks, comments, export', 'A=1\n\n# c\nexport B = 2 \nC=x # trailing comment\nD=\n'],
    ['quoted values, one per quote character', `A="x y"\nB='z'\nC=\`w\`\nD="a # not a comment"`],
    ['a double-quoted value over lines, then a comment', 'A="one\ntwo" # c\nB=3'],
    ['CRLF line ends', 'A=1\r\nB="x"\r\n'],
    ['an empty file', ''],
  ])('accepts %s', (_label, text) => {
    expect(checkEnvSyntax(text)).toBeNull();
  });

  it.each([
    ['a line without "="', 'A=1\nJUST TEXT\n', 2, /expected NAME=value/],
    ['a name with a space', 'A B=1', 1, /"A B" is not a valid variable name/],
    ['a name starting with a digit', '\n1A=1', 2, /"1A" is not a valid/],
    ['an empty name', '=x', 1, /"" is not a valid/],
    ['an unterminated quote (named at its opening line)', 'A=1\nB="open\nC=2\n', 2, /" quote opened here is never closed/],
    ['text after the closing quote', 'A="x" y', 1, /unexpected text after the closing " quote/],
    ['an escaped quote (util.parseEnv ends the value there)', 'A="say \\"hi\\""', 1, /escaped quotes are not supported/],
    ['text after a multi-line value (named at its closing line)', 'A=\'one\ntwo\' three', 2, /unexpected text/],
  ])('refuses %s, naming the line', (_label, text, line, message) => {
    const problem = checkEnvSyntax(text);
    expect(problem?.line).toBe(line);
    expect(problem?.message).toMatch(message);
  });
});
