// Reads a request body with a hard size limit (413 past it) and parses it as JSON (400 when
// malformed). An empty body reads as `undefined`, so body-less POSTs need no `{}`.
import type { IncomingMessage } from 'node:http';
import { BerthError } from '../errors.ts';

/** Largest request body the control API accepts. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads the whole body as text, refusing more than `limitBytes` (PAYLOAD_TOO_LARGE). Listeners, not
 * an async iterator: leaving a `for await` early destroys the request and with it the connection,
 * and the refusal must still be answered (server.ts answers, then drains).
 */
export function readBodyText(req: IncomingMessage, limitBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.reject(tooLarge(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (done: () => void) => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      done();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) settle(() => reject(tooLarge(limitBytes)));
      else chunks.push(chunk);
    };
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks).toString('utf8')));
    const onError = (error: Error) => settle(() => reject(error));
    req.on('data', onData).once('end', onEnd).once('error', onError);
  });
}

/** Reads and parses a JSON body; `undefined` when empty. */
export async function readJsonBody(req: IncomingMessage, limitBytes = MAX_BODY_BYTES): Promise<unknown> {
  const text = await readBodyText(req, limitBytes);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BerthError('BAD_REQUEST', 'The request body is not valid JSON.');
  }
}

/** True while the request may still have unread body bytes (the connection is then closed after the reply). */
export function hasUnreadBody(req: IncomingMessage): boolean {
  const hasBody = req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0';
  return (hasBody || req.headers['transfer-encoding'] !== undefined) && !req.readableEnded;
}

function tooLarge(limitBytes: number): BerthError {
  return new BerthError('PAYLOAD_TOO_LARGE', `The request body exceeds ${limitBytes} bytes.`);
}
