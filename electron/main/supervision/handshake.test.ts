import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseHandshakeLine, readHandshake } from './handshake.ts';

const token = 'a'.repeat(64);
const good = JSON.stringify({ type: 'control-ready', url: 'http://127.0.0.1:4000', token, pid: 42 });

describe('parseHandshakeLine', () => {
  it.each([
    ['a valid handshake', good, 'handshake'],
    ['a valid handshake with CRLF', `${good}\r`, 'handshake'],
    ['plain text', 'starting…', 'other'],
    ['other JSON', '{"type":"log"}', 'other'],
    ['broken JSON', '{"type":"control-ready"', 'other'],
    ['a short token', JSON.stringify({ type: 'control-ready', url: 'http://127.0.0.1:4000', token: 'x', pid: 1 }), 'invalid'],
    ['a bad url', JSON.stringify({ type: 'control-ready', url: 'nope', token, pid: 1 }), 'invalid'],
  ])('classifies %s', (_name, line, kind) => {
    expect(parseHandshakeLine(line).kind).toBe(kind);
  });

  it('never puts the token in the error message', () => {
    const parsed = parseHandshakeLine(JSON.stringify({ type: 'control-ready', url: 'bad', token, pid: 1 }));
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind === 'invalid') {
      expect(parsed.error.code).toBe('HANDSHAKE_INVALID');
      expect(parsed.error.message).not.toContain(token);
    }
  });
});

describe('readHandshake', () => {
  const never = new Promise<{ code: number | null; signal: string | null }>(() => undefined);

  it('skips other lines and resolves with the handshake', async () => {
    const stdout = new PassThrough();
    const other: string[] = [];
    const pending = readHandshake(stdout, { timeoutMs: 1_000, exited: never, onOtherLine: (line) => other.push(line) });
    stdout.write('hello\n');
    stdout.write(`${good.slice(0, 10)}`);
    stdout.write(`${good.slice(10)}\n`);
    await expect(pending).resolves.toMatchObject({ pid: 42, token });
    expect(other).toEqual(['hello']);
  });

  it('times out when nothing arrives', async () => {
    await expect(readHandshake(new PassThrough(), { timeoutMs: 50, exited: never, hint: 'See x.log.' })).rejects.toMatchObject({
      code: 'HANDSHAKE_TIMEOUT',
      message: expect.stringContaining('See x.log.'),
    });
  });

  it('rejects with the exit code when the process exits first', async () => {
    await expect(readHandshake(new PassThrough(), { timeoutMs: 1_000, exited: Promise.resolve({ code: 2, signal: null }) })).rejects.toMatchObject({
      code: 'SUPERVISOR_EXITED',
      exitCode: 2,
    });
  });
});
