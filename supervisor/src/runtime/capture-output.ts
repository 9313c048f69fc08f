// Captures a run's stdout/stderr a chunk at a time: the chunk's complete lines are framed as one
// block, redacted, then kept (the last lines, for failure reasons), stored (log file + tail ring)
// and published on the bus as one event. Per-chunk, not per-line, work is what lets a service
// print hundreds of MB/s without the supervisor becoming the bottleneck.
import type { Readable } from 'node:stream';
import type { LogLine } from '../control/contract.ts';
import { createBlockSplitter } from '../logs/index.ts';
import type { RunnerContext } from './runner-context.ts';

/** Lines kept per service for failure reasons ("the last output lines"). */
export const LAST_LINES = 20;

/** Appends the last lines of `block` to `lastLines`, keeping at most LAST_LINES (no full split). */
export function keepLastLines(lastLines: string[], block: string, lineCount: number): void {
  if (lineCount === 1) {
    lastLines.push(block);
  } else {
    let end = block.length;
    const tail: string[] = [];
    while (tail.length < LAST_LINES) {
      const start = block.lastIndexOf('\n', end - 1);
      tail.push(block.slice(start + 1, end));
      if (start < 0) break;
      end = start;
    }
    lastLines.push(...tail.reverse());
  }
  if (lastLines.length > LAST_LINES) lastLines.splice(0, lastLines.length - LAST_LINES);
}

/**
 * Attaches to both streams; `onBlock` sees each redacted block (log probes split it only while
 * they wait); resolves when both streams end.
 */
export function captureOutput(service: string, streams: { stdout: Readable; stderr: Readable }, context: RunnerContext, lastLines: string[], onBlock: (block: string) => void): Promise<void> {
  const attach = (stream: Readable, name: LogLine['stream']) =>
    new Promise<void>((resolve) => {
      // One timestamp per chunk: a chunk arrives at one instant anyway.
      let at = '';
      const splitter = createBlockSplitter((raw, lineCount) => {
        const block = context.redact(raw);
        keepLastLines(lastLines, block, lineCount);
        if (!context.appendLog(service, block, lineCount, name, at) && !stream.isPaused()) {
          // The log file is behind: stop reading (the child blocks on its pipe) until it drains.
          stream.pause();
          void context.logDrained(service).then(() => stream.resume());
        }
        context.bus.publish({ type: 'log', service, stream: name, line: block, at });
        onBlock(block);
      });
      stream.on('data', (chunk: Buffer) => {
        at = new Date(context.now()).toISOString();
        splitter.push(chunk);
      });
      stream.once('close', () => {
        splitter.flush();
        resolve();
      });
      stream.once('error', () => resolve());
    });
  return Promise.all([attach(streams.stdout, 'stdout'), attach(streams.stderr, 'stderr')]).then(() => undefined);
}
