// The headless echo into a real pipe whose reader is slow (a `sh` that sleeps, then cats to a
// file): the supervisor's memory must not follow the service's output.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogBlock } from '../logs/log-block.ts';
import { EventBus, logEvent } from '../events/index.ts';
import { ECHO_BACKLOG_BYTES, TerminalReporter, type ReporterMode } from './terminal-reporter.ts';

/** 1000 lines of 100 bytes: one 100 KB block, as capture publishes a chunk. */
function block(index: number): LogBlock {
  const line = `${String(index).padStart(8, '0')} ${'x'.repeat(90)}\n`;
  return new LogBlock(Buffer.from(line.repeat(1000)), 1000);
}

describe('TerminalReporter echo to a slow pipe', () => {
  let dir = '';
  let reader: ChildProcess | null = null;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-echo-'));
  });

  afterEach(async () => {
    reader?.kill('SIGKILL');
    reader = null;
    await rm(dir, { recursive: true, force: true });
  });

  /** A pipe read by a process that starts reading after `gate` exists, into out.txt. */
  function slowPipe(): { out: NodeJS.WriteStream; gate: string; file: string; done: Promise<void> } {
    const file = join(dir, 'out.txt');
    const gate = join(dir, 'gate');
    reader = spawn('sh', ['-c', 'while [ ! -e "$1" ]; do sleep 0.02; done; exec cat > "$2"', 'sh', gate, file], { stdio: ['pipe', 'ignore', 'inherit'] });
    const done = new Promise<void>((resolve) => reader?.once('close', () => resolve()));
    // A pipe to a child is the same net.Socket that process.stdout is when stdout is a pipe.
    return { out: reader.stdin as unknown as NodeJS.WriteStream, gate, file, done };
  }

  async function echoThroughSlowPipe(mode: ReporterMode, blocks: number): Promise<{ peakBacklog: number; text: string }> {
    const pipe = slowPipe();
    const bus = new EventBus();
    const reporter = new TerminalReporter(mode, pipe.out, ['api'], () => []);
    reporter.attach(bus);
    reporter.startupDone([]);
    let peakBacklog = 0;
    for (let index = 0; index < blocks; index++) {
      bus.publish(logEvent('api', 'stdout', new Date().toISOString(), block(index)));
      reporter.flush();
      peakBacklog = Math.max(peakBacklog, pipe.out.writableLength);
    }
    await writeFile(pipe.gate, '');
    await new Promise<void>((resolve) => pipe.out.once('drain', () => resolve()));
    // The notice is written at the drain; then the reader ends with the pipe.
    await new Promise((resolve) => setImmediate(resolve));
    pipe.out.end();
    await pipe.done;
    return { peakBacklog, text: await readFile(pipe.file, 'utf8') };
  }

  it('stops echoing service lines once stdout is 8 MiB behind, then says how many it left out', async () => {
    // 300 blocks = 30 MB of output, about 31 MB echoed with prefixes: far past the backlog limit.
    const { peakBacklog, text } = await echoThroughSlowPipe('plain', 300);
    expect(peakBacklog).toBeGreaterThanOrEqual(ECHO_BACKLOG_BYTES);
    expect(peakBacklog).toBeLessThan(ECHO_BACKLOG_BYTES + 200_000);
    const lines = text.split('\n').filter((line) => line !== '');
    const echoed = lines.filter((line) => line.startsWith('api | '));
    const notice = lines.filter((line) => line.startsWith('[berth] '));
    expect(notice).toHaveLength(1);
    const dropped = Number(/^\[berth\] (\d+) lines of service output were not echoed here: stdout was not keeping up/.exec(notice[0] ?? '')?.[1]);
    expect(echoed.length + dropped).toBe(300 * 1000);
    expect(dropped).toBeGreaterThan(200_000);
    // What was echoed is whole blocks, from the start, in order.
    expect(echoed.length % 1000).toBe(0);
    expect(echoed[echoed.length - 1]).toMatch(new RegExp(`^api \\| ${String(echoed.length / 1000 - 1).padStart(8, '0')} x+$`));
  });

  it('reports the lines left out as a JSON line in the server profile', async () => {
    const { text } = await echoThroughSlowPipe('json', 150);
    const lines = text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { stream: string; service: string | null; dropped?: number });
    const logs = lines.filter((line) => line.stream === 'stdout');
    const dropped = lines.filter((line) => line.stream === 'supervisor' && line.dropped !== undefined);
    expect(dropped).toHaveLength(1);
    expect(logs.length + (dropped[0]?.dropped ?? 0)).toBe(150 * 1000);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.length % 1000).toBe(0);
  });

  it('echoes everything when the reader keeps up', async () => {
    const file = join(dir, 'fast.txt');
    reader = spawn('sh', ['-c', 'exec cat > "$1"', 'sh', file], { stdio: ['pipe', 'ignore', 'inherit'] });
    const done = new Promise<void>((resolve) => reader?.once('close', () => resolve()));
    const out = reader.stdin as unknown as NodeJS.WriteStream;
    const bus = new EventBus();
    const reporter = new TerminalReporter('plain', out, ['api'], () => []);
    reporter.attach(bus);
    reporter.startupDone([]);
    for (let index = 0; index < 50; index++) {
      bus.publish(logEvent('api', 'stdout', new Date().toISOString(), block(index)));
      reporter.flush();
      if (out.writableLength > 1_000_000) await new Promise((resolve) => out.once('drain', resolve));
    }
    out.end();
    await done;
    const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(50 * 1000);
    expect(lines.every((line) => line.startsWith('api | '))).toBe(true);
  });
});
