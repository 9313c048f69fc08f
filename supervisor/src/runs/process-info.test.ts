// Start times through `ps` (the macOS path), run here with the real procps `ps`, which takes the
// same `-o pid=,lstart=` and `-p a,b,c` arguments, against real sleeping processes.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createPsStartTimes, parsePsStartTimes, readProcessStartTicks, type PsRunner } from './process-info.ts';

const children: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(
    children.splice(0).map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
});

function sleeper(): number {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  children.push(child);
  if (child.pid === undefined) throw new Error('sleep did not start');
  return child.pid;
}

/** What `ps -o lstart= -p <pid>` alone prints for one pid, trimmed (the format records have always stored). */
function lstartOf(pid: number): Promise<string> {
  return new Promise((resolve, reject) => execFile('ps', ['-o', 'lstart=', '-p', String(pid)], (error, stdout) => (error ? reject(error) : resolve(stdout.trim()))));
}

/** The real ps, counting its runs. */
function countingPs(): { run: PsRunner; calls: string[][] } {
  const calls: string[][] = [];
  const run: PsRunner = (args) =>
    new Promise((resolve) => {
      calls.push([...args]);
      execFile('ps', [...args], (_error, stdout) => resolve(stdout));
    });
  return { run, calls };
}

/** A pid no process has: past the kernel's pid_max. */
const GONE = 4_194_305;

describe('parsePsStartTimes', () => {
  it('maps each pid to the text after it, inner spacing kept, and skips what is not a pid line', () => {
    const stdout = '  412 Thu Nov  6 02:40:01 2026\n9021 Wed Nov 25 15:29:42 2026  \n\nPID STARTED\n';
    expect(parsePsStartTimes(stdout)).toEqual(
      new Map([
        [412, 'Thu Nov  6 02:40:01 2026'],
        [9021, 'Wed Nov 25 15:29:42 2026'],
      ]),
    );
    expect(parsePsStartTimes('')).toEqual(new Map());
  });
});

describe('createPsStartTimes', () => {
  it('asks one ps about every pid requested together, each answered as ps -o lstart= -p <pid> would', async () => {
    const [a, b, c] = [sleeper(), sleeper(), sleeper()];
    const { run, calls } = countingPs();
    const startTime = createPsStartTimes(run);
    const answers = await Promise.all([startTime(a), startTime(b), startTime(c), startTime(GONE), startTime(a)]);
    expect(calls).toEqual([['-o', 'pid=,lstart=', '-p', `${a},${b},${c},${GONE}`]]);
    expect(answers).toEqual([await lstartOf(a), await lstartOf(b), await lstartOf(c), null, await lstartOf(a)]);
    expect(answers[0]).toMatch(/\d{2}:\d{2}:\d{2} \d{4}$/);
  });

  it('lets pids asked about a few turns apart (one spawn per turn) share a ps, and runs another once that one has gone', async () => {
    const [a, b] = [sleeper(), sleeper()];
    const { run, calls } = countingPs();
    // A wide window: a loaded machine may run the 5 ms timer late, and the point is the sharing.
    const startTime = createPsStartTimes(run, 500);
    const first = startTime(a);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = startTime(b);
    expect(await Promise.all([first, second])).toEqual([await lstartOf(a), await lstartOf(b)]);
    expect(calls).toEqual([['-o', 'pid=,lstart=', '-p', `${a},${b}`]]);
    expect(await startTime(a)).toBe(await lstartOf(a));
    expect(calls).toHaveLength(2);
  });

  it('answers null for every pid when ps prints nothing (not installed, or every pid gone)', async () => {
    const startTime = createPsStartTimes(() => Promise.resolve(''));
    expect(await Promise.all([startTime(1), startTime(2)])).toEqual([null, null]);
  });
});

describe('readProcessStartTicks', () => {
  it('on macOS (run here with procps) gives the same text a single ps call gives; null for a pid that is gone', async () => {
    const pid = sleeper();
    expect(await readProcessStartTicks(pid, 'darwin')).toBe(await lstartOf(pid));
    expect(await readProcessStartTicks(GONE, 'darwin')).toBeNull();
  });
});
