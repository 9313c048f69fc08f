// Redactor: every known value replaced by ******, longest first, special characters literal,
// short values left alone, multi-line values by line.
import { describe, expect, it } from 'vitest';
import { Redactor } from '../supervisor/src/secrets/index.ts';

describe('Redactor', () => {
  it.each([
    { values: ['hunter22'], text: 'password=hunter22;', out: 'password=******;' },
    { values: ['hunter22'], text: 'hunter22hunter22', out: '************' },
    { values: ['abcd', 'abcdefgh'], text: 'x abcdefgh y abcd', out: 'x ****** y ******' },
    { values: ['a.b*c+d?(e)[f]{g}|h^$\\/-'], text: 'v=a.b*c+d?(e)[f]{g}|h^$\\/- end', out: 'v=****** end' },
    { values: ['a.bc'], text: 'axbc a.bc', out: 'axbc ******' },
    { values: ['abc'], text: 'abc is too short to redact', out: 'abc is too short to redact' },
    { values: ['-----BEGIN KEY-----\nMIIBlineone\n-----END KEY-----'], text: 'MIIBlineone', out: '******' },
    { values: [], text: 'nothing known', out: 'nothing known' },
    { values: ['pa"ss\\word'], text: '{"password":"pa\\"ss\\\\word"}', out: '{"password":"******"}' },
    { values: ['a/b+c=d&e'], text: 'GET /cb?token=a%2Fb%2Bc%3Dd%26e HTTP/1.1', out: 'GET /cb?token=****** HTTP/1.1' },
  ])('redacts $values from "$text"', ({ values, text, out }) => {
    const redactor = new Redactor();
    redactor.add(values);
    expect(redactor.redact(text)).toBe(out);
  });

  it('picks up values added later', () => {
    const redactor = new Redactor();
    redactor.add(['first-secret']);
    expect(redactor.redact('second-secret')).toBe('second-secret');
    redactor.add(['second-secret', 'first-secret']);
    expect(redactor.size).toBe(2);
    expect(redactor.redact('first-secret second-secret')).toBe('****** ******');
  });
});

describe('Redactor.occursIn', () => {
  it('finds every redacted form in bytes, and nothing else', () => {
    const redactor = new Redactor();
    expect(redactor.occursIn(Buffer.from('nothing known'))).toBe(false);
    redactor.add(['pa"ss/wörd']);
    for (const form of ['pa"ss/wörd', 'pa\\"ss/wörd', encodeURIComponent('pa"ss/wörd')]) {
      expect(redactor.occursIn(Buffer.from(`x ${form} y`))).toBe(true);
      expect(redactor.redact(`x ${form} y`)).toBe('x ****** y');
    }
    expect(redactor.occursIn(Buffer.from('pa"ss/word'))).toBe(false);
  });

  it('always answers true for a value a decoder could make out of invalid bytes', () => {
    const redactor = new Redactor();
    redactor.add(['bad\uFFFDvalue']);
    expect(redactor.occursIn(Buffer.from('anything'))).toBe(true);
  });
});

describe('Redactor.heldTail', () => {
  it('counts the bytes at the end of a piece that may start a value (any form), 0 otherwise', () => {
    const redactor = new Redactor();
    expect(redactor.heldTail(Buffer.from('abc s3cr'))).toBe(0);
    redactor.add(['s3cr3t-wörd']);
    expect(redactor.heldTail(Buffer.from('abc s3cr'))).toBe(4);
    expect(redactor.heldTail(Buffer.from('abc s3cr3t-w\xc3', 'latin1'))).toBe(Buffer.from('s3cr3t-w').length + 1);
    expect(redactor.heldTail(Buffer.from(`abc ${encodeURIComponent('s3cr3t-wörd').slice(0, 12)}`))).toBe(12);
    // A whole value at the end is not held back: it is redacted in this piece.
    expect(redactor.heldTail(Buffer.from('abc s3cr3t-wörd'))).toBe(0);
    expect(redactor.heldTail(Buffer.from('abc nothing'))).toBe(0);
  });
});
