// Answering a request whose body is still arriving (a 413, or a refusal before the body was read)
// without the answer being lost: closing a socket with unread bytes makes the kernel send a reset,
// and a reset can destroy the reply before the client has read it (a 2 MB POST to /secrets got a
// reset instead of its 413 in 2 runs of 3 under load). So, as mature servers do (nginx's lingering
// close), the whole reply goes out at once with `Connection: close`, then up to DRAIN_MAX_BYTES of
// the body (at most DRAIN_MAX_MS) is read and thrown away before the connection closes. A client
// that stops sending once it sees the reply is let go at once.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Body bytes read after the reply before closing anyway (a bigger upload may see a reset). */
export const DRAIN_MAX_BYTES = 4 * 1024 * 1024;
/** Time the drain may take before closing anyway. */
export const DRAIN_MAX_MS = 5_000;

/** Writes the complete reply now, ends the response (and so the connection) once the body is drained or the bound is hit. */
export function replyThenDrain(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string | number>, text: string): void {
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(text), connection: 'close' });
  res.write(text);
  let drained = 0;
  const close = () => {
    clearTimeout(timer);
    req.off('data', onData).off('end', close).off('error', close).off('close', close);
    if (!res.writableEnded) res.end();
  };
  const onData = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) close();
  };
  const timer = setTimeout(close, DRAIN_MAX_MS);
  req.on('data', onData).once('end', close).once('error', close).once('close', close);
  req.resume();
}
