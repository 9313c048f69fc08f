// The Windows killer and the process-table reader on a fake command runner: the exact command
// lines they run, and what they do with the answers (no Windows here to run them on).
import { describe, expect, it } from 'vitest';
import { createProcessTableReader } from './process-table-reader.ts';
import type { CommandRunner } from './run-command.ts';
import { createWindowsKiller } from './windows-killer.ts';

const TASKKILL = 'C:\\Windows\\System32\\taskkill.exe';
const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

/** A runner that records each command line and answers with `stdout`. */
function recordingRunner(stdout = ''): { run: CommandRunner; calls: string[][] } {
  const calls: string[][] = [];
  return { calls, run: async (file, args) => (calls.push([file, ...args]), { code: 0, stdout, stderr: '' }) };
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('createWindowsKiller', () => {
  it('asks a tree to stop with taskkill /T, and terminates it with /T /F for SIGKILL', async () => {
    const { run, calls } = recordingRunner();
    const killer = createWindowsKiller({ run, readTable: async () => [], isAlive: () => false, now: () => 0, delay: async () => {} });
    killer.signal(4242, 'SIGTERM');
    killer.signal(4242, 'SIGINT');
    killer.signal(4242, 'SIGKILL');
    await Promise.resolve();
    expect(calls).toEqual([
      [TASKKILL, '/PID', '4242', '/T'],
      [TASKKILL, '/PID', '4242', '/T'],
      [TASKKILL, '/PID', '4242', '/T', '/F'],
    ]);
  });

  it('after the leader exited, terminates in one taskkill what it left: descendants made while it lived', async () => {
    const { run, calls } = recordingRunner();
    const alive = new Set([501, 502]);
    const table = [
      { pid: 501, parentPid: 4242, createdAt: iso(1_500) },
      { pid: 502, parentPid: 501, createdAt: iso(1_600) },
      { pid: 503, parentPid: 4242, createdAt: iso(500) }, // made before the leader: not its child
      { pid: 504, parentPid: 4242, createdAt: iso(9_000) }, // made after it was gone: a reused pid's child
    ];
    let waits = 0;
    const killer = createWindowsKiller({
      run,
      readTable: async () => table,
      isAlive: (pid) => alive.has(pid),
      now: () => 5_000,
      delay: async () => {
        waits += 1;
        alive.clear();
      },
    });
    await killer.killLeftovers({ pid: 4242, pgid: null, spawnedAtMs: 1_000 });
    expect(calls).toEqual([[TASKKILL, '/PID', '501', '/PID', '502', '/T', '/F']]);
    expect(waits).toBe(1);
  });

  it('runs no taskkill when the leader left nothing', async () => {
    const { run, calls } = recordingRunner();
    const killer = createWindowsKiller({ run, readTable: async () => [{ pid: 7, parentPid: 1, createdAt: iso(2_000) }], isAlive: () => true, now: () => 5_000, delay: async () => {} });
    await killer.killLeftovers({ pid: 4242, pgid: null, spawnedAtMs: 1_000 });
    expect(calls).toEqual([]);
  });
});

describe('createProcessTableReader', () => {
  it('runs one PowerShell/CIM query for every caller within its window, and another after it', async () => {
    const { run, calls } = recordingRunner(String.raw`{"ProcessId":16828,"ParentProcessId":20256,"CreationDate":"\/Date(1790077571033)\/"}`);
    const read = createProcessTableReader(run, 20);
    const [first, second] = await Promise.all([read(), read()]);
    expect(first).toEqual([{ pid: 16828, parentPid: 20256, createdAt: '2026-09-22T11:46:11.033Z' }]);
    expect(second).toBe(first);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.slice(0, 5)).toEqual([POWERSHELL, '-NoLogo', '-NoProfile', '-NonInteractive', '-EncodedCommand']);
    await read();
    expect(calls).toHaveLength(2);
  });
});
