import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linesOf } from '../control/contract.ts';
import type { RuntimeEvent } from '../control/contract.ts';
import { LogBlock, ServiceLog } from '../logs/index.ts';
import { Redactor } from '../secrets/index.ts';
import { LAST_LINES, captureOutput, keepLastLines } from './capture-output.ts';
import { EventBus, logBlockOf } from '../events/index.ts';
import type { OutputSink } from './service-context.ts';

/** A block as the splitter makes it on its fast path: undecoded bytes. */
const bytesBlock = (lines: string[]) => new LogBlock(Buffer.from(`${lines.join('\n')}\n`), lines.length);

describe('keepLastLines', () => {
  it('keeps single lines and the tail of blocks, at most LAST_LINES', () => {
    const kept: string[] = [];
    keepLastLines(kept, LogBlock.fromText('first'));
    keepLastLines(kept, bytesBlock(['a', 'b', 'c']));
    expect(kept).toEqual(['first', 'a', 'b', 'c']);
    const many = Array.from({ length: 50 }, (_, index) => `line ${index}`);
    keepLastLines(kept, bytesBlock(many));
    expect(kept).toEqual(many.slice(-LAST_LINES));
    keepLastLines(kept, LogBlock.fromText(many.join('\n')));
    expect(kept).toEqual(many.slice(-LAST_LINES));
  });

  it('keeps empty lines of a block', () => {
    const kept: string[] = [];
    keepLastLines(kept, bytesBlock(['x', '', 'y']));
    expect(kept).toEqual(['x', '', 'y']);
    keepLastLines(kept, bytesBlock([...Array(LAST_LINES).fill('z'), '', '']));
    expect(kept.slice(-3)).toEqual(['z', '', '']);
  });
});

describe('linesOf', () => {
  it('splits a chunk event into single lines with the same service, stream and time', () => {
    const at = '2026-11-25T00:00:00.000Z';
    expect(linesOf({ service: 'api', stream: 'stderr', line: 'one\ntwo', at })).toEqual([
      { service: 'api', stream: 'stderr', line: 'one', at },
      { service: 'api', stream: 'stderr', line: 'two', at },
    ]);
    const single = { service: 'api', stream: 'stdout' as const, line: 'only', at };
    expect(linesOf(single)).toEqual([single]);
  });
});

describe('captureOutput', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-capture-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Captures what `chunks` (stdout) make of it with a real log, bus and redactor. */
  async function capture(chunks: Buffer[], secrets: string[]) {
    const redactor = new Redactor();
    redactor.add(secrets);
    const bus = new EventBus();
    const events: RuntimeEvent[] = [];
    bus.subscribe(({ event }) => events.push(event));
    const log = new ServiceLog({ file: join(dir, 'api.log'), maxBytes: 1 << 20, maxFiles: 1 });
    const context: OutputSink = {
      bus,
      redact: (text: string) => redactor.redact(text),
      mayHoldSecret: (bytes: Uint8Array) => redactor.occursIn(bytes),
      secretTail: (piece: Uint8Array) => redactor.heldTail(piece),
      appendLog: (_service: string, block: LogBlock, stream: 'stdout' | 'stderr', at: string) => log.appendBlock(block, stream, at),
      logDrained: () => log.waitForDrain(),
    };
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const lastLines: string[] = [];
    const seen: string[] = [];
    const done = captureOutput('api', { stdout, stderr }, context, () => Date.parse('2026-11-25T00:00:00.000Z'), lastLines, (block) => seen.push(...block.split()));
    for (const chunk of chunks) {
      stdout.write(chunk);
      await new Promise((resolve) => setImmediate(resolve));
    }
    stdout.end();
    stderr.end();
    await done;
    await log.close();
    return { file: await readFile(join(dir, 'api.log'), 'utf8'), events, lastLines, seen, tail: log.tail(100).map((line) => line.line), blocks: events.map(logBlockOf).filter((block) => block !== undefined) };
  }

  it('redacts a secret split across two chunks everywhere: file, events, tail, last lines, probes', async () => {
    const secret = 's3cr3t-v4lue';
    const out = await capture([Buffer.from(`ok\ntoken=${secret.slice(0, 5)}`), Buffer.from(`${secret.slice(5)} end\nnext ${secret}\nlast\n`)], [secret]);
    const lines = ['ok', 'token=****** end', 'next ******', 'last'];
    expect(out.file).toBe(lines.map((line) => `2026-11-25T00:00:00.000Z stdout ${line}\n`).join(''));
    expect(out.events.flatMap((event) => (event.type === 'log' ? linesOf(event).map((line) => line.line) : []))).toEqual(lines);
    expect(JSON.stringify(out.events)).not.toContain(secret);
    expect(out.tail).toEqual(lines);
    expect(out.lastLines).toEqual(lines);
    expect(out.seen).toEqual(lines);
  });

  it('never cuts a secret in two where an over-long line is cut into 64 KiB pieces', async () => {
    const secret = 'sécret-€-token-1234';
    // The secret straddles the first 64 KiB cut, and a second copy straddles the chunk boundary too.
    const line = `${'x'.repeat(65528)}${secret}${'y'.repeat(70_000)}${secret}${'z'.repeat(10)}`;
    const bytes = Buffer.from(`${line}\n`);
    const split = 65536 + 40;
    const out = await capture([bytes.subarray(0, split), bytes.subarray(split)], [secret]);
    for (const text of [out.file, JSON.stringify(out.events), out.tail.join('\n'), out.lastLines.join('\n'), out.seen.join('\n')]) {
      expect(text).not.toContain(secret);
      // Neither half of the value may be left either (each is ≥ 4 characters).
      expect(text).not.toContain('sécret-');
      expect(text).not.toContain('€-token-1234');
    }
    expect(out.file.match(/\*{6}/g)).toHaveLength(2);
    expect(out.file.split('\n').filter(Boolean).length).toBeGreaterThan(2); // it was cut into pieces
  });

  it('keeps bytes without secrets undecoded and still frames CR, invalid UTF-8 and partial lines', async () => {
    const out = await capture([Buffer.from('a\r\nb\rc\n'), Buffer.from([0x62, 0x61, 0x64, 0xff, 0x0a]), Buffer.from('part'), Buffer.from('ial\n')], ['unrelated-secret']);
    const at = '2026-11-25T00:00:00.000Z stdout';
    expect(out.file).toBe(`${at} a\n${at} b\\rc\n${at} bad\uFFFD\n${at} partial\n`);
    expect(out.tail).toEqual(['a', 'b\rc', 'bad\uFFFD', 'partial']);
  });

  it('leaves the blocks it keeps (tail, replay) holding their text or their bytes, not both', async () => {
    const out = await capture([Buffer.from('one\ntwo\n'), Buffer.from('three\n')], ['unrelated-secret']);
    expect(out.blocks).toHaveLength(2);
    for (const block of out.blocks) {
      // The tail and the probe read them (decoded): the bytes have been let go, the size is still known.
      expect(block.bytes).not.toBe(block.bytes);
      expect(block.byteLength).toBe(block.bytes.length);
    }
    expect(out.tail).toEqual(['one', 'two', 'three']);
  });
});
