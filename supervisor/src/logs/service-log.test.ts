import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogLine } from '../control/contract.ts';
import { createBlockSplitter } from './block-splitter.ts';
import { createLineSplitter } from './line-splitter.ts';
import { LogBlock } from './log-block.ts';
import { ServiceLog, formatLogFileBlock, formatLogFileLine } from './service-log.ts';

let dir: string;
const children: { kill(signal: NodeJS.Signals): boolean }[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-service-log-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

const at = '2026-11-25T15:30:12.123Z';
setFlagsFromString('--expose-gc');
/** A full garbage collection, so retained memory can be measured without V8's slack. */
const collectGarbage = runInNewContext('gc') as () => void;
const retainedBytes = () => {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
};
const FRAMED = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (stdout|stderr) /;

describe('formatLogFileLine', () => {
  it.each([
    ['plain', 'hello', `${at} stdout hello\n`],
    ['empty', '', `${at} stdout \n`],
    ['embedded newline escaped', 'a\nb\rc', `${at} stdout a\\nb\\rc\n`],
  ])('%s', (_name, text, expected) => {
    expect(formatLogFileLine({ service: 's', stream: 'stdout', line: text, at })).toBe(expected);
  });
});

describe('formatLogFileBlock', () => {
  it('prefixes every line of a block in one pass', () => {
    expect(formatLogFileBlock('a\n\nb\rc', 'stderr', at)).toBe(`${at} stderr a\n${at} stderr \n${at} stderr b\\rc\n`);
  });
});

describe('ServiceLog', () => {
  it('appendBlock writes the same file and tail as appending the lines one by one', async () => {
    const one = new ServiceLog({ file: join(dir, 'one.log'), maxBytes: 1 << 20, maxFiles: 1, ringLines: 3 });
    const block = new ServiceLog({ file: join(dir, 'block.log'), maxBytes: 1 << 20, maxFiles: 1, ringLines: 3, service: 'one' });
    for (const line of ['a', 'b', 'c', 'd']) one.append({ service: 'one', stream: 'stdout', line, at });
    block.appendBlock(new LogBlock(Buffer.from('a\nb\n'), 2), 'stdout', at);
    block.appendBlock(LogBlock.fromText('c\nd'), 'stdout', at);
    await Promise.all([one.close(), block.close()]);
    expect(await readFile(join(dir, 'block.log'), 'utf8')).toBe(await readFile(join(dir, 'one.log'), 'utf8'));
    expect(block.tail(3)).toEqual(one.tail(3));
  });

  it('tails from a bounded ring and cuts very long lines only in the ring', async () => {
    const log = new ServiceLog({ file: join(dir, 'api.log'), maxBytes: 1 << 20, maxFiles: 2, ringLines: 3, ringLineChars: 10 });
    for (const text of ['a', 'b', 'c', 'd', 'x'.repeat(50)]) log.append({ service: 'api', stream: 'stderr', line: text, at });
    expect(log.tail(10).map((line) => line.line)).toEqual(['c', 'd', `${'x'.repeat(10)}…`]);
    expect(log.tail(1)).toHaveLength(1);
    await log.close();
    expect(await readFile(join(dir, 'api.log'), 'utf8')).toContain(`${at} stderr ${'x'.repeat(50)}\n`);
  });

  it.each(['lines', 'blocks'] as const)('captures 50 MB from a real child by %s: rotated, framed, nothing lost, memory bounded', async (mode) => {
    const file = join(dir, 'noisy.log');
    const log = new ServiceLog({ file, maxBytes: 4 * 1024 * 1024, maxFiles: 3, ringLines: 500 });
    // 50 MB of numbered lines, with a 1 MB line and invalid UTF-8 thrown in.
    const script = `
      const pad = 'p'.repeat(90);
      let i = 0; const total = 500000;
      function write() {
        let ok = true;
        while (i < total && ok) {
          let chunk = '';
          for (let k = 0; k < 200 && i < total; k++, i++) chunk += i + ' ' + pad + '\\n';
          if (i === 250000) chunk += 'L'.repeat(1 << 20) + '\\n';
          ok = process.stdout.write(chunk);
        }
        if (i < total) process.stdout.once('drain', write);
        else process.stderr.write(Buffer.from([0x62, 0x61, 0x64, 0xff, 0x0a]));
      }
      write();`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const retainedBefore = retainedBytes();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    let peakRetained = retainedBefore;
    let seen = 0;
    const capture = (stream: NodeJS.ReadableStream, name: LogLine['stream']) => {
      const backpressure = (accepted: boolean) => {
        if (accepted) return;
        stream.pause();
        void log.waitForDrain().then(() => stream.resume());
      };
      const splitter =
        mode === 'lines'
          ? createLineSplitter((line) => backpressure(log.append({ service: 'noisy', stream: name, line, at: new Date().toISOString() })))
          : createBlockSplitter((block) => backpressure(log.appendBlock(block, name, new Date().toISOString())));
      stream.on('data', (chunk: Buffer) => {
        splitter.push(chunk);
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        if (Math.floor((seen + chunk.length) / 5e6) > Math.floor(seen / 5e6)) peakRetained = Math.max(peakRetained, retainedBytes());
        seen += chunk.length;
      });
      return new Promise<void>((resolve) => stream.on('end', () => (splitter.flush(), resolve())));
    };
    await Promise.all([capture(child.stdout, 'stdout'), capture(child.stderr, 'stderr')]);
    await log.close();

    expect(log.dropped).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['noisy.log', 'noisy.log.1', 'noisy.log.2', 'noisy.log.3']);
    const texts = await Promise.all(['noisy.log.3', 'noisy.log.2', 'noisy.log.1', 'noisy.log'].map((name) => readFile(join(dir, name), 'utf8')));
    const lines = texts.join('').split('\n').slice(0, -1);
    expect(lines.every((line) => FRAMED.test(line))).toBe(true);
    const numbers = lines.filter((line) => line.includes(' stdout ') && !line.includes(' stdout L')).map((line) => Number(line.split(' ')[2]));
    expect(numbers.at(-1)).toBe(499_999);
    expect(numbers.every((value, index) => index === 0 || value === (numbers[index - 1] ?? 0) + 1)).toBe(true);
    expect(lines.filter((line) => / stderr bad\uFFFD$/.test(line))).toHaveLength(1); // stderr may interleave anywhere
    expect(log.tail(10_000)).toHaveLength(500);
    // Retained memory (after a full GC, sampled every 5 MB) is what the bounds promise: queue
    // (16 MiB) + ring + one chunk, whatever the output size. RSS adds V8's lazy-GC slack.
    expect(peakRetained - retainedBefore).toBeLessThan(32 * 1024 * 1024);
    expect(peakRss - rssBefore).toBeLessThan(192 * 1024 * 1024);
  });
});
