import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { pidExists } from './process-alive.ts';
import { SPAWN_THREAD_AFTER_QUEUED, spawnProcess, spawnRoute } from './spawn-process.ts';
import type { SpawnRequest } from './spawned-process.ts';
import { SpawnerThread } from './spawner-thread.ts';

const env = { PATH: process.env.PATH ?? '' };
const node = (script: string): SpawnRequest => ({ file: process.execPath, args: ['-e', script], env, cwd: tmpdir(), where: 'services.test' });
const threads: SpawnerThread[] = [];
const pids: number[] = [];

function newThread(): SpawnerThread {
  const thread = new SpawnerThread();
  threads.push(thread);
  return thread;
}

afterEach(async () => {
  for (const pid of pids.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await Promise.all(threads.splice(0).map((thread) => thread.terminate()));
});

/** Names of this process's threads (Linux). */
function threadNames(): string[] {
  return readdirSync('/proc/self/task').map((tid) => {
    try {
      return readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
    } catch {
      return '';
    }
  });
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe.runIf(process.platform !== 'win32')('SpawnerThread', () => {
  it('relays a large output intact, and holds the child back while the reader is paused', async () => {
    const thread = newThread();
    // 8 MiB of a repeating pattern; the child reports on stderr once every write has been taken.
    const child = await thread.spawn(node('const b = Buffer.alloc(1 << 20, "berth-"); let n = 0; const w = () => { while (n < 8) { n++; if (!process.stdout.write(b)) return process.stdout.once("drain", w); } process.stdout.end(() => process.stderr.write("all written")); }; w();'));
    pids.push(child.pid);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.pause();
    await sleep(500);
    // Paused: what the OS pipe and the relay hold is far below 8 MiB, and the child is still writing.
    expect(child.stdout.readableLength).toBeLessThan(2 << 20);
    expect(stderr).toBe('');
    const hash = createHash('sha256');
    let bytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      hash.update(chunk);
    });
    child.stdout.resume();
    await new Promise((resolve) => child.stdout.once('close', resolve));
    expect(bytes).toBe(8 << 20);
    const expected = createHash('sha256');
    for (let mib = 0; mib < 8; mib++) expected.update(Buffer.alloc(1 << 20, 'berth-'));
    expect(hash.digest('hex')).toBe(expected.digest('hex'));
    expect(await child.exited).toEqual({ code: 0, signal: null });
    await until(() => stderr === 'all written');
    await until(() => thread.size === 0);
  });

  it('forgets a child whose output the supervisor destroyed once it has exited', async () => {
    const thread = newThread();
    const child = await thread.spawn(node('setInterval(() => process.stdout.write("tick\\n"), 5)'));
    pids.push(child.pid);
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy();
    child.stderr.destroy();
    // With its stdout closed, the next write kills the child (EPIPE / SIGPIPE).
    const exit = await child.exited;
    expect(exit.code !== 0 || exit.signal !== null).toBe(true);
    await until(() => thread.size === 0);
  });

  it('reports a child as ended when the thread stops, and starts a new thread for the next spawn', async () => {
    const thread = newThread();
    const child = await thread.spawn(node('setInterval(() => {}, 1000)'));
    pids.push(child.pid);
    const closed = new Promise((resolve) => child.stdout.once('close', resolve));
    child.stdout.resume();
    await thread.terminate();
    expect(await child.exited).toEqual({ code: null, signal: null, error: expect.stringMatching(/^the spawner thread stopped/) as unknown });
    await closed;
    expect(thread.size).toBe(0);
    const next = await thread.spawn(node('process.stdout.write("again")'));
    pids.push(next.pid);
    const out = await new Promise<string>((resolve) => next.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    expect(out).toBe('again');
    expect(await next.exited).toEqual({ code: 0, signal: null });
  });
});

describe('spawnRoute', () => {
  it('spawns on the loop until a burst has queued enough spawns, then on the thread for good', () => {
    expect(spawnRoute('auto', { threadUp: false, queuedOnLoop: 0 })).toBe('loop');
    expect(spawnRoute('auto', { threadUp: false, queuedOnLoop: SPAWN_THREAD_AFTER_QUEUED - 1 })).toBe('loop');
    expect(spawnRoute('auto', { threadUp: false, queuedOnLoop: SPAWN_THREAD_AFTER_QUEUED })).toBe('thread');
    expect(spawnRoute('auto', { threadUp: true, queuedOnLoop: 0 })).toBe('thread');
    expect(spawnRoute('thread', { threadUp: false, queuedOnLoop: 0 })).toBe('thread');
    expect(spawnRoute('node', { threadUp: true, queuedOnLoop: 100 })).toBe('loop');
    expect(spawnRoute('execa', { threadUp: true, queuedOnLoop: 100 })).toBe('loop');
  });

  it.runIf(process.platform !== 'win32')('starts a burst of services on the loop and the thread together, each with its own output', async () => {
    const count = SPAWN_THREAD_AFTER_QUEUED * 2;
    // Output is read from the moment each spawn resolves (an unread pipe is discarded at exit).
    const started = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        spawnProcess(node(`process.stdout.write(String(${index}))`), 'auto').then((child) => {
          pids.push(child.pid);
          let text = '';
          child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
          return { child, output: new Promise<string>((resolve) => child.stdout.once('close', () => resolve(text))) };
        }),
      ),
    );
    const children = started.map((entry) => entry.child);
    const outputs = await Promise.all(started.map((entry) => entry.output));
    expect(outputs).toEqual(Array.from({ length: count }, (_, index) => String(index)));
    expect(new Set(children.map((child) => child.pid)).size).toBe(count);
    // The burst brought the spawner thread up (Linux shows it by name).
    if (process.platform === 'linux') expect(threadNames()).toContain('berth-spawner');
    for (const child of children) expect(await child.exited).toEqual({ code: 0, signal: null });
    await until(() => children.every((child) => !pidExists(child.pid)));
  });
});
