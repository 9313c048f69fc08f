// Readiness by notification (issue 19; s6's notification fd, systemd's READY=1 in spirit): a
// service declared with `readiness: { notify: "fd" }` gets a pipe at fd 3 (BERTH_NOTIFY_FD=3) and
// writes "READY=1\n" — or just "\n", as s6 reads it — once it is ready; "STATUS=text" lines say
// what it is doing (shown in /status). Anything else is ignored. A service that closes the pipe
// without the word is not ready: its start timeout applies. Lines are bounded; longer ones dropped.
import type { Readable } from 'node:stream';

/** The fd number the service is given the pipe on. */
export const NOTIFY_FD = 3;
/** The variable that tells the service which fd to write to. */
export const NOTIFY_ENV = 'BERTH_NOTIFY_FD';
/** Longest line read; a longer one is dropped whole. */
export const MAX_NOTIFY_LINE = 4096;

/** What the service says on its notify pipe. */
export interface NotifyHandlers {
  /** READY=1 (or an empty line): called once. */
  onReady(): void;
  /** The text of a STATUS= line. */
  onStatus(text: string): void;
  /** The pipe closed; `ready` says whether the word came first. */
  onClosed(ready: boolean): void;
}

/** Reads the notify pipe of one run until it closes. */
export function readNotify(stream: Readable, handlers: NotifyHandlers): void {
  let pending = '';
  let overlong = false;
  let ready = false;
  const onLine = (line: string) => {
    if (line === '' || line === 'READY=1') {
      if (!ready) handlers.onReady();
      ready = true;
    } else if (line.startsWith('STATUS=')) handlers.onStatus(line.slice('STATUS='.length));
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) {
      if (!overlong) onLine(part.replace(/\r$/, ''));
      overlong = false;
    }
    if (pending.length > MAX_NOTIFY_LINE) {
      pending = '';
      overlong = true;
    }
  });
  stream.once('close', () => handlers.onClosed(ready));
  stream.on('error', () => undefined);
}
