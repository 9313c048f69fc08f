// Captures a run's stdout/stderr: framed into lines, redacted, then kept (tail of last lines for
// failure reasons), stored (log file + ring) and published on the bus, in that order.
import type { Readable } from 'node:stream';
import type { LogLine } from '../control/contract.ts';
import { createLineSplitter } from '../logs/index.ts';
import type { RunnerContext } from './runner-context.ts';

/** Lines kept per service for failure reasons ("the last output lines"). */
export const LAST_LINES = 20;

/** Attaches to both streams; `onLine` sees each redacted line (log probes); resolves when both end. */
export function captureOutput(service: string, streams: { stdout: Readable; stderr: Readable }, context: RunnerContext, lastLines: string[], onLine: (line: string) => void): Promise<void> {
  const attach = (stream: Readable, name: LogLine['stream']) =>
    new Promise<void>((resolve) => {
      // One timestamp per chunk, not per line: a chunk arrives at one instant anyway.
      let at = '';
      const splitter = createLineSplitter((raw) => {
        const line = context.redact(raw);
        lastLines.push(line);
        if (lastLines.length > LAST_LINES) lastLines.shift();
        const entry: LogLine = { service, stream: name, line, at };
        if (!context.appendLog(entry) && !stream.isPaused()) {
          // The log file is behind: stop reading (the child blocks on its pipe) until it drains.
          stream.pause();
          void context.logDrained(service).then(() => stream.resume());
        }
        context.bus.publish({ type: 'log', ...entry });
        onLine(line);
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
