// The harness's view of "listening": the listen log the fixtures append to, and the wall clock
// their timestamps are compared with. A real file in a temp folder, written while the wait runs.
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { epochNow, parseListenLog, waitAllListened } from './listen-log.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-listen-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('epochNow', () => {
  it('reads the wall clock (Date.now) fresh, not a clock that drifts from it', () => {
    const before = Date.now();
    const now = epochNow();
    const after = Date.now();
    expect(now).toBeGreaterThan(before);
    expect(now).toBeLessThanOrEqual(after);
  });
});

describe('waitAllListened', () => {
  it('resolves once every name has a line, with its first one (a restarted service keeps its first listen time)', async () => {
    const log = join(dir, 'listen.log');
    const waiting = waitAllListened(log, ['a', 'b'], 5000, 2);
    await appendFile(log, 'a 1000.5 11 999.0\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await appendFile(log, 'a 1200.0 12 1190.0\nb 1300.25 13 1290.0\n');
    const first = await waiting;
    expect([...first.keys()].sort()).toEqual(['a', 'b']);
    expect(first.get('a')).toEqual({ name: 'a', listenAt: 1000.5, pid: 11, startedAt: 999 });
    expect(first.get('b')?.listenAt).toBe(1300.25);
  });

  it('names how many services, and the first of them, are missing at the deadline', async () => {
    const log = join(dir, 'listen.log');
    await appendFile(log, 'a 1 2 0\n');
    await expect(waitAllListened(log, ['a', 'b', 'c'], 30, 2)).rejects.toThrow('2 of 3 services not listening within 30 ms (first: b)');
  });

  it('waits for a log that does not exist yet', async () => {
    const log = join(dir, 'later.log');
    const waiting = waitAllListened(log, ['x'], 5000, 2);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await appendFile(log, 'x 5 6 4\n');
    expect((await waiting).get('x')?.pid).toBe(6);
  });
});

describe('parseListenLog', () => {
  it('skips a line still being written', () => {
    expect(parseListenLog('a 1 2 3\nb 4').map((entry) => entry.name)).toEqual(['a']);
  });
});
