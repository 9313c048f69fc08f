// Reading the desktop handshake: the one `{"type":"control-ready",url,token,pid}` line the
// supervisor prints on stdout. Parsing is pure; reading races the line against a timeout and the
// child's exit.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { ControlReady } from '../../../supervisor/src/control/contract.ts';
import { ShellError } from '../../ipc/errors.ts';

/** What one stdout line turned out to be. */
export type HandshakeLine = { kind: 'handshake'; value: ControlReady } | { kind: 'invalid'; error: ShellError } | { kind: 'other' };

/** Classifies one stdout line: a valid handshake, a malformed one, or something else. */
export function parseHandshakeLine(line: string): HandshakeLine {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return { kind: 'other' };
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { kind: 'other' };
  }
  if (typeof json !== 'object' || json === null || (json as { type?: unknown }).type !== 'control-ready') return { kind: 'other' };
  const parsed = ControlReady.safeParse(json);
  if (!parsed.success) {
    // Never echo the line itself: it carries the token.
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    return { kind: 'invalid', error: new ShellError('HANDSHAKE_INVALID', `Malformed control-ready handshake (bad fields: ${fields})`) };
  }
  return { kind: 'handshake', value: parsed.data };
}

/** Options of readHandshake. */
export interface ReadHandshakeOptions {
  timeoutMs: number;
  /** Settles when the child exits; an exit before the handshake rejects with SUPERVISOR_EXITED. */
  exited: Promise<{ code: number | null; signal: string | null }>;
  /** Lines that are not the handshake (a supervisor should print none; they are logged). */
  onOtherLine?: (line: string) => void;
  /** Describes where to look when it fails (the log file). */
  hint?: string;
}

/** Reads stdout until the handshake line; rejects on timeout, malformed handshake or exit. */
export function readHandshake(stdout: Readable, options: ReadHandshakeOptions): Promise<ControlReady> {
  const hint = options.hint ? ` ${options.hint}` : '';
  return new Promise<ControlReady>((resolve, reject) => {
    const lines = createInterface({ input: stdout, crlfDelay: Infinity });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      lines.removeListener('line', onLine);
      lines.close();
      // Keep draining: a full pipe would block the child.
      stdout.resume();
      outcome();
    };
    const onLine = (line: string) => {
      const parsed = parseHandshakeLine(line);
      if (parsed.kind === 'handshake') finish(() => resolve(parsed.value));
      else if (parsed.kind === 'invalid') finish(() => reject(parsed.error));
      else options.onOtherLine?.(line);
    };
    const timer = setTimeout(() => {
      finish(() => reject(new ShellError('HANDSHAKE_TIMEOUT', `The supervisor did not report its control API within ${options.timeoutMs} ms.${hint}`)));
    }, options.timeoutMs);
    lines.on('line', onLine);
    options.exited.then(
      ({ code, signal }) => finish(() => reject(new ShellError('SUPERVISOR_EXITED', `The supervisor exited before its handshake (${signal ?? `code ${code}`}).${hint}`, { exitCode: code }))),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
