import { describe, expect, test } from 'vitest';
import { createBearerCheck } from './bearer.ts';

describe('createBearerCheck', () => {
  const check = createBearerCheck('s3cret-token-value');

  test.each([
    ['the right token', 'Bearer s3cret-token-value', true],
    ['a lower-case scheme', 'bearer s3cret-token-value', true],
    ['trailing spaces', 'Bearer s3cret-token-value  ', true],
    ['no header', undefined, false],
    ['an empty header', '', false],
    ['the scheme alone', 'Bearer ', false],
    ['another scheme', 'Basic s3cret-token-value', false],
    ['a prefix of the token', 'Bearer s3cret', false],
    ['the token with more after it', 'Bearer s3cret-token-value-and-more', false],
    ['two tokens', 'Bearer s3cret-token-value s3cret-token-value', false],
    ['the token without a scheme', 's3cret-token-value', false],
  ])('%s → %s', (_name, header, expected) => {
    expect(check(header)).toBe(expected);
  });
});
