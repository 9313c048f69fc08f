import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
