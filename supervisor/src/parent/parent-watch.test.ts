import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchParent } from './parent-watch.ts';

let dir: string;
const pids: number[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-parent-watch-'));
});
afterEach(async () => {
  for (const pid of pids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await rm(dir, { recursive: true, force: true });
});


/** Writes a watcher script: it reports why its parent is gone into `out`, then exits. */
async function writeWatcher(out: string): Promise<string> {
  const script = join(dir, 'watcher.ts');
  const source = `import { writeFileSync } from 'node:fs';
import { watchParent } from ${JSON.stringify(join(import.meta.dirname, 'parent-watch.ts'))};
const parentPid = process.argv[2] ? Number(process.argv[2]) : undefined;
const stdin = process.argv[3] === 'no-stdin' ? undefined : process.stdin;
watchParent({ parentPid, stdin, intervalMs: 100, onParentGone: (why) => { writeFileSync(${JSON.stringify(out)}, why); process.exit(0); } });
setInterval(() => {}, 1000);
console.log('watching');`;
  await writeFile(script, source);
  return script;
}

async function waitForFile(file: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text !== null) return text;
    if (Date.now() > deadline) throw new Error(`${file} not written within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('watchParent', () => {
  it('reports stdin end once and stops when disposed', () => {
    const stdin = new PassThrough();
    const onParentGone = vi.fn();
    watchParent({ stdin, onParentGone });
    stdin.end();
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        expect(onParentGone).toHaveBeenCalledTimes(1);
        expect(onParentGone.mock.calls[0]?.[0]).toMatch(/stdin/);
        resolve();
      }, 50),
    );
  });

  it('reports a re-parenting and a vanished parent pid, and nothing after dispose', async () => {
    vi.useFakeTimers();
    try {
      let ppid = 10;
      const reparented = vi.fn();
      watchParent({ readPpid: () => ppid, intervalMs: 1000, onParentGone: reparented });
      vi.advanceTimersByTime(1000);
      expect(reparented).not.toHaveBeenCalled();
      ppid = 1;
      vi.advanceTimersByTime(3000);
      expect(reparented).toHaveBeenCalledTimes(1);

      const child = spawn(process.execPath, ['-e', '']);
      await once(child, 'exit');
      const vanished = vi.fn();
      const dispose = watchParent({ parentPid: child.pid ?? 0, onParentGone: vanished });
      vi.advanceTimersByTime(1000);
      expect(vanished.mock.calls[0]?.[0]).toMatch(/is gone/);
      dispose();
      const disposed = vi.fn();
      watchParent({ parentPid: child.pid ?? 0, onParentGone: disposed })();
      vi.advanceTimersByTime(5000);
      expect(disposed).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a real child notices its real parent was killed (-9) within 2 s', async () => {
    const out = join(dir, 'why.txt');
    const watcher = await writeWatcher(out);
    // stdin is not watched here, so only the pid / ppid poll can notice.
    const parentScript = `const { spawn } = require('node:child_process');
      const w = spawn(process.execPath, [${JSON.stringify(watcher)}, String(process.pid), 'no-stdin'], { stdio: ['ignore', 'inherit', 'inherit'] });
      console.log(w.pid); setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['-e', parentScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    pids.push(parent.pid ?? 0);
    const [data] = (await once(parent.stdout, 'data')) as [Buffer];
    const watcherPid = Number(data.toString().trim().split('\n')[0]);
    pids.push(watcherPid);
    await new Promise((resolve) => setTimeout(resolve, 300));
    parent.kill('SIGKILL');
    const started = Date.now();
    const why = await waitForFile(out, 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(why).toMatch(/is gone|re-parented/);
  });

  it('a real child with a live parent pid notices its stdin closing', async () => {
    const out = join(dir, 'why.txt');
    const watcher = await writeWatcher(out);
    const child = spawn(process.execPath, [watcher, String(process.pid)], { stdio: ['pipe', 'pipe', 'inherit'] });
    pids.push(child.pid ?? 0);
    const exited = once(child, 'exit');
    await once(child.stdout, 'data');
    child.stdin.end();
    expect(await waitForFile(out, 2000)).toMatch(/stdin/);
    expect(await exited).toEqual([0, null]);
  });
});
