// Captures a run's stdout/stderr a chunk at a time: the chunk's complete lines are framed as one
// block of bytes, redacted (decoded only when a secret's bytes occur), then kept (the last lines,
// for failure reasons), stored (log file + tail ring) and published on the bus as one event.
// Per-chunk, byte-wise work is what lets a service print hundreds of MB/s without the supervisor
// becoming the bottleneck.
import type { Readable } from 'node:stream';
import type { LogLine } from '../control/contract.ts';
import { LogBlock, createBlockSplitter } from '../logs/index.ts';
import { logEvent } from '../events/index.ts';
import type { OutputSink } from './service-context.ts';

/** Lines kept per service for failure reasons ("the last output lines"). */
export const LAST_LINES = 20;

/** Appends the last lines of `block` to `lastLines`, keeping at most LAST_LINES (decodes only those). */
export function keepLastLines(lastLines: string[], block: LogBlock): void {
  lastLines.push(...block.lastLines(LAST_LINES));
  if (lastLines.length > LAST_LINES) lastLines.splice(0, lastLines.length - LAST_LINES);
}

/** Appends one line (a timeout, a verdict, a spawn error) to `lastLines`, keeping at most LAST_LINES. */
export function keepLastLine(lastLines: string[], line: string): void {
  lastLines.push(line);
  if (lastLines.length > LAST_LINES) lastLines.splice(0, lastLines.length - LAST_LINES);
}

/** The block with secret values redacted: itself unless some secret's bytes occur in it. */
export function redactBlock(block: LogBlock, context: Pick<OutputSink, 'redact' | 'mayHoldSecret'>): LogBlock {
  return context.mayHoldSecret(block.bytes) ? LogBlock.fromText(context.redact(block.text())) : block;
}

/**
 * Attaches to both streams; `onBlock` sees each redacted block (log probes decode it only while
 * they wait); resolves when both streams end.
 */
export function captureOutput(service: string, streams: { stdout: Readable; stderr: Readable }, context: OutputSink, now: () => number, lastLines: string[], onBlock: (block: LogBlock) => void): Promise<void> {
  const attach = (stream: Readable, name: LogLine['stream']) =>
    new Promise<void>((resolve) => {
      // One timestamp per chunk: a chunk arrives at one instant anyway.
      let at = '';
      const splitter = createBlockSplitter((raw) => {
        const block = redactBlock(raw, context);
        keepLastLines(lastLines, block);
        if (!context.appendLog(service, block, name, at) && !stream.isPaused()) {
          // The log file is behind: stop reading (the child blocks on its pipe) until it drains.
          stream.pause();
          void context.logDrained(service).then(() => stream.resume());
        }
        context.bus.publish(logEvent(service, name, at, block));
        onBlock(block);
        // Written, echoed and published: what stays in memory is its text or its bytes, not both.
        block.settle();
      }, { holdBack: (piece) => context.secretTail(piece) });
      stream.on('data', (chunk: Buffer) => {
        at = new Date(now()).toISOString();
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
