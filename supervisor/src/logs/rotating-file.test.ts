import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RotatingFile } from './rotating-file.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-rotating-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('RotatingFile', () => {
  it('rotates by size, keeps maxFiles rotated files, never splits an entry', async () => {
    const file = join(dir, 'a.log');
    const writer = new RotatingFile({ file, maxBytes: 1000, maxFiles: 2 });
    for (let index = 0; index < 100; index++) writer.write(`line ${String(index).padStart(4, '0')} ${'x'.repeat(80)}\n`);
    await writer.close();
    expect((await readdir(dir)).sort()).toEqual(['a.log', 'a.log.1', 'a.log.2']);
    const contents = await Promise.all(['a.log.2', 'a.log.1', 'a.log'].map((name) => readFile(join(dir, name), 'utf8')));
    for (const content of contents) expect(Buffer.byteLength(content)).toBeLessThanOrEqual(1000);
    const numbers = contents.join('').trimEnd().split('\n').map((line) => Number(line.split(' ')[1]));
    expect(numbers.at(-1)).toBe(99);
    expect(numbers).toEqual(numbers.map((_, index) => (numbers[0] ?? 0) + index)); // consecutive, nothing torn
  });

  it('with batchDelayMs, holds entries back to write them together, and close writes them at once', async () => {
    const file = join(dir, 'batched.log');
    const held = new RotatingFile({ file, maxBytes: 10_000, maxFiles: 1, batchDelayMs: 60_000 });
    held.write('one\n');
    held.write('two\n');
    await sleep(20);
    expect(await readFile(file, 'utf8').catch(() => 'nothing yet')).toBe('nothing yet');
    await held.close(); // waiting out the minute would time the test out
    expect(await readFile(file, 'utf8')).toBe('one\ntwo\n');

    const soon = new RotatingFile({ file, maxBytes: 10_000, maxFiles: 1, batchDelayMs: 30 });
    soon.write('three\n');
    while ((await readFile(file, 'utf8')) !== 'one\ntwo\nthree\n') await sleep(10);
    await soon.close();
  });

  it('continues an existing file and counts its size', async () => {
    const file = join(dir, 'b.log');
    await writeFile(file, 'y'.repeat(950) + '\n');
    const writer = new RotatingFile({ file, maxBytes: 1000, maxFiles: 1 });
    writer.write('z'.repeat(99) + '\n');
    await writer.close();
    expect((await stat(`${file}.1`)).size).toBe(951);
    expect(await readFile(file, 'utf8')).toBe('z'.repeat(99) + '\n');
  });

  it('drops and counts entries beyond maxQueueBytes, then writes a notice', async () => {
    const file = join(dir, 'c.log');
    const writer = new RotatingFile({ file, maxBytes: 1 << 20, maxFiles: 1, maxQueueBytes: 100, highWaterBytes: 50 });
    const accepted = [...Array(20).keys()].map((index) => writer.write(`entry ${index} ${'.'.repeat(10)}\n`));
    expect(accepted[0]).toBe(true);
    expect(accepted.slice(3).every((ok) => !ok)).toBe(true);
    expect(writer.dropped).toBeGreaterThan(0);
    const dropped = writer.dropped;
    await writer.waitForDrain();
    writer.write('after\n');
    await writer.close();
    const text = await readFile(file, 'utf8');
    expect(text).toContain(`[berth] ${dropped} entries dropped`);
    expect(text).toMatch(/after\n$/);
    expect(writer.write('late\n')).toBe(false);
  });

  it('reports write failures and keeps going', async () => {
    const errors: unknown[] = [];
    const writer = new RotatingFile({ file: join(dir, 'missing', '\0bad'), maxBytes: 1000, maxFiles: 1, onError: (error) => errors.push(error) });
    writer.write('a\n');
    await writer.close();
    expect(errors.length).toBeGreaterThan(0);
    expect(writer.dropped).toBe(1);
  });

  it('starts on a new line after a torn last line (a write cut short by a crash)', async () => {
    const file = join(dir, 'h.log');
    await writeFile(file, 'whole\ntorn li');
    const writer = new RotatingFile({ file, maxBytes: 1 << 20, maxFiles: 1 });
    writer.write('next\n');
    await writer.close();
    expect(await readFile(file, 'utf8')).toBe('whole\ntorn li\nnext\n');
  });

  it('a batch that fails keeps the count of the lines dropped before it for the next notice', async () => {
    const file = join(dir, 'i.log');
    await mkdir(file); // opening a folder for writing fails: every batch fails until it is gone
    const errors: unknown[] = [];
    const writer = new RotatingFile({ file, maxBytes: 1 << 20, maxFiles: 1, maxQueueBytes: 100, highWaterBytes: 50, onError: (error) => errors.push(error) });
    for (let index = 0; index < 20; index++) writer.write(`entry ${index} ${'.'.repeat(10)}\n`);
    // Every entry is dropped (queue full) or in a failed batch; some failed batches carried a notice.
    await pollFor(() => writer.dropped === 20, 10_000);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    await rm(file, { recursive: true });
    writer.write('after\n');
    await writer.close();
    expect(writer.dropped).toBe(20);
    expect(await readFile(file, 'utf8')).toBe('[berth] 20 entries dropped: the disk could not keep up\nafter\n');
  });

  it('keeps writing to the current file when rotation fails, and reports it', async () => {
    const file = join(dir, 'g.log');
    await writeFile(`${file}.1`, 'old\n');
    await mkdir(join(`${file}.2`, 'busy'), { recursive: true }); // renaming a file onto a non-empty folder fails
    const errors: unknown[] = [];
    const writer = new RotatingFile({ file, maxBytes: 100, maxFiles: 2, onError: (error) => errors.push(error) });
    const lines = Array.from({ length: 10 }, (_, index) => `line ${index} ${'x'.repeat(20)}\n`);
    for (const line of lines) writer.write(line);
    await writer.close();
    expect(errors.length).toBeGreaterThan(0);
    expect(writer.dropped).toBe(0);
    // The first full file waits under its staging name (gc leaves it; the next open moves it on);
    // every line after it went to the current file, which kept growing.
    expect((await readFile(`${file}.rotating`, 'utf8')) + (await readFile(file, 'utf8'))).toBe(lines.join(''));
    expect(await readFile(`${file}.1`, 'utf8')).toBe('old\n');
  });

  it('finishes a rotation a crash cut short when it next opens the file', async () => {
    const file = join(dir, 'h.log');
    await writeFile(`${file}.1`, 'older\n');
    await writeFile(`${file}.rotating`, 'staged\n');
    await writeFile(file, 'current\n');
    const writer = new RotatingFile({ file, maxBytes: 1000, maxFiles: 3 });
    writer.write('next\n');
    await writer.close();
    expect((await readdir(dir)).sort()).toEqual(['h.log', 'h.log.1', 'h.log.2']);
    expect(await readFile(`${file}.2`, 'utf8')).toBe('older\n');
    expect(await readFile(`${file}.1`, 'utf8')).toBe('staged\n');
    expect(await readFile(file, 'utf8')).toBe('current\nnext\n');
  });

  it('writeInto frames entries in place; nothing is called for dropped ones', async () => {
    const file = join(dir, 'd.log');
    const writer = new RotatingFile({ file, maxBytes: 1 << 20, maxFiles: 1, maxQueueBytes: 64, highWaterBytes: 32 });
    const calls: number[] = [];
    const fill = (text: string) => (target: Buffer, at: number) => {
      calls.push(at);
      target.write(text, at);
    };
    expect(writer.writeInto(6, 1, fill('first\n'))).toBe(true);
    expect(writer.writeInto(60, 1, fill(`${'x'.repeat(59)}\n`))).toBe(false); // 66 > 64: dropped
    expect(writer.writeInto(7, 1, fill('second\n'))).toBe(true);
    expect(calls).toHaveLength(2);
    await writer.close();
    expect(await readFile(file, 'utf8')).toMatch(/^first\n(\[berth\] 1 entries dropped.*\n)?second\n$/);
    expect(writer.dropped).toBe(1);
  });

  it('reuses its write buffers without mixing batches: bursts, growth and reuse keep every byte in order', async () => {
    const file = join(dir, 'e.log');
    const writer = new RotatingFile({ file, maxBytes: 1 << 30, maxFiles: 1, maxQueueBytes: 64 << 20, highWaterBytes: 32 << 20 });
    const expected: string[] = [];
    for (let round = 0; round < 40; round++) {
      // Sizes from a few bytes to 600 KB: some batches fit the kept buffers, some make them grow.
      for (let entry = 0; entry < 1 + (round % 7); entry++) {
        const size = round % 9 === 0 && entry === 0 ? 600_000 : 10 + ((round * 131 + entry * 17) % 5000);
        const line = `${round}.${entry} ${String.fromCharCode(97 + ((round + entry) % 26)).repeat(size)}\n`;
        expected.push(line);
        expect(writer.write(line)).toBe(true);
      }
      if (round % 3 === 0) await sleep(1); // sometimes a batch finishes before the next entries
      else await new Promise((resolve) => setImmediate(resolve)); // sometimes it is still being written
    }
    await writer.close();
    const text = await readFile(file, 'utf8');
    expect(text.length).toBe(expected.join('').length);
    expect(text === expected.join('')).toBe(true);
  });

  it('releases a burst\'s big buffers once quiet, and keeps the small ones', async () => {
    const writer = new RotatingFile({ file: join(dir, 'f.log'), maxBytes: 1 << 30, maxFiles: 1, maxQueueBytes: 64 << 20, highWaterBytes: 32 << 20, trimAfterMs: 30 });
    for (let index = 0; index < 20; index++) writer.write(Buffer.alloc(200_000, 10));
    expect(writer.heldBytes).toBeGreaterThan(1 << 20); // the burst waits in one grown buffer
    await pollFor(() => writer.heldBytes <= 256 * 1024, 10_000);
    writer.write('small\n');
    await sleep(60);
    expect(writer.heldBytes).toBeGreaterThan(0); // a small buffer stays for the next entries
    expect(writer.heldBytes).toBeLessThanOrEqual(2 * 256 * 1024);
    await writer.close();
  });
});

async function pollFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}
