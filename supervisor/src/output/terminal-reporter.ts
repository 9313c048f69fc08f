// What `berth run` prints. tty: a live progress table during start-up (log lines held back, then
// flushed), then merged `name | line` output. plain: state changes and log lines as plain lines.
// json (server profile): every event as JSON lines `{time, level, service, stream, msg}`
// (logging/server-line.ts), one per output line. desktop: nothing (stdout is the handshake).
// Captured blocks are echoed as bytes (each line prefixed by LogBlock#prefixed), never decoded.
// Writes to a pipe are asynchronous: when stdout's reader falls behind by ECHO_BACKLOG_BYTES,
// service lines are dropped from the echo (counted, then reported once stdout drains), like
// docker's non-blocking log mode: the echo is a view, the log files keep every line.
import type { createLogUpdate } from 'log-update';
import type { RuntimeEvent, ServiceStatus } from '../control/contract.ts';
import { countLines } from '../logs/log-block.ts';
import { logBlockOf } from '../events/index.ts';
import type { EventBus } from '../events/index.ts';
import { formatServerLine, serverLinesOf } from '../logging/server-line.ts';
import { createLogPrefixer } from './log-prefix.ts';
import { renderProgress } from './progress-view.ts';

/** The live region of the tty mode (log-update). */
export type LiveUpdate = ReturnType<typeof createLogUpdate>;

/** Loads log-update for the tty mode only: its string-width builds Unicode regexes (~50 ms at start). */
export async function loadLiveUpdate(mode: ReporterMode, out: NodeJS.WriteStream): Promise<LiveUpdate | null> {
  return mode === 'tty' ? (await import('log-update')).createLogUpdate(out) : null;
}

/** Output mode of the reporter. */
export type ReporterMode = 'tty' | 'plain' | 'json' | 'none';

/** Lines held back during a live start-up display at most. */
const HELD_LINES = 500;

/** Pending output flushed at once past this size (else on the next turn of the event loop). */
const FLUSH_BYTES = 64 * 1024;

/** Output not yet taken by stdout's reader past which service lines are not echoed. */
export const ECHO_BACKLOG_BYTES = 8 * 1024 * 1024;

/** Attached to the bus by `berth run`; `startupDone` switches from progress to merged logs. */
export class TerminalReporter {
  private live = false;
  private readonly held: string[] = [];
  private readonly prefix: (service: string) => string;
  /** `prefix(service) + " "` as bytes, per service. */
  private readonly prefixBytes = new Map<string, Buffer>();
  private readonly update: LiveUpdate | null;
  private readonly mode: ReporterMode;
  private readonly out: NodeJS.WriteStream;
  private readonly services: () => ServiceStatus[];
  /** Non-tty output is coalesced: one write per burst, not one (synchronous) write per line. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private flushScheduled = false;
  /** Service lines dropped from the echo since stdout fell behind (reported at its next drain). */
  private notEchoed = 0;

  /** `liveUpdate` (log-update on `out`) is needed in tty mode only; see loadLiveUpdate. */
  constructor(mode: ReporterMode, out: NodeJS.WriteStream, names: readonly string[], services: () => ServiceStatus[], liveUpdate: LiveUpdate | null = null) {
    this.mode = mode;
    this.out = out;
    this.services = services;
    this.prefix = createLogPrefixer(names, mode === 'tty');
    this.update = mode === 'tty' ? liveUpdate : null;
    this.live = mode === 'tty';
  }

  /** Subscribes to the bus; returns the unsubscribe function. */
  attach(bus: EventBus): () => void {
    return bus.subscribe(({ event }) => this.onEvent(event));
  }

  private write(line: string): void {
    if (this.mode === 'tty') this.out.write(`${line}\n`);
    else this.writeBytes(Buffer.from(`${line}\n`));
  }

  /** Writes whole lines (each ending with "\n"). */
  private writeBytes(bytes: Buffer): void {
    if (this.mode === 'tty') {
      this.out.write(bytes);
      return;
    }
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes what is pending (plain and json modes). */
  flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    const bytes = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.out.write(bytes);
  }

  /** True while stdout's reader is ECHO_BACKLOG_BYTES behind (never for a tty or a file: those writes block). */
  private backlogged(): boolean {
    return this.out.writableLength + this.pendingBytes >= ECHO_BACKLOG_BYTES;
  }

  /** Counts service lines left out of the echo; the first of a run waits for stdout to drain. */
  private drop(lines: number): void {
    if (this.notEchoed === 0) this.out.once('drain', () => this.reportDropped());
    this.notEchoed += lines;
  }

  private reportDropped(): void {
    const lines = this.notEchoed;
    this.notEchoed = 0;
    if (this.mode === 'json') {
      const msg = `${lines} lines of service output were not echoed here: stdout was not keeping up (every line is in the services' log files)`;
      this.write(formatServerLine({ time: new Date().toISOString(), level: 'warn', service: null, stream: 'supervisor', msg, dropped: lines }));
    } else this.write(`[berth] ${lines} lines of service output were not echoed here: stdout was not keeping up (every line is in the services' log files)`);
  }

  private onEvent(event: RuntimeEvent): void {
    if (this.mode === 'none') return;
    if (event.type === 'log' && !this.live && this.backlogged()) {
      this.drop(logBlockOf(event)?.lines ?? countLines(event.line));
      return;
    }
    if (this.mode === 'json') {
      this.write(serverLinesOf(event, (log) => logBlockOf(log)?.split() ?? log.line.split('\n')));
      return;
    }
    if (event.type === 'log') {
      const block = logBlockOf(event);
      if (block !== undefined && !this.live) {
        this.writeBytes(block.prefixed(this.prefixBytesOf(event.service)));
        return;
      }
      const prefix = `${this.prefix(event.service)} `;
      // One event may carry a chunk's lines: prefix each (one replace, not a split).
      const text = `${prefix}${event.line.replaceAll('\n', `\n${prefix}`)}`;
      if (!this.live) this.write(text);
      else {
        this.held.push(text);
        if (this.held.length > HELD_LINES) this.held.shift();
      }
      return;
    }
    if (event.type === 'state') {
      if (this.live) this.update?.(renderProgress(this.services()));
      else this.write(`[berth] ${event.service}: ${event.to}${event.reason === null ? '' : ` (${event.reason})`}`);
    }
  }

  private prefixBytesOf(service: string): Buffer {
    let bytes = this.prefixBytes.get(service);
    if (bytes === undefined) {
      bytes = Buffer.from(`${this.prefix(service)} `);
      this.prefixBytes.set(service, bytes);
    }
    return bytes;
  }

  /** Ends the live display and prints what was held back; later lines stream straight out. */
  startupDone(summary: readonly string[]): void {
    if (this.mode === 'none' || this.mode === 'json') return;
    if (this.live) {
      this.update?.(renderProgress(this.services()));
      this.update?.done();
    }
    for (const line of summary) this.write(line);
    if (this.live) {
      this.live = false;
      for (const line of this.held.splice(0)) this.write(line);
    }
    // What start-up printed lands before anything the caller writes next (e.g. to stderr).
    this.flush();
  }
}
