// The one table from error codes to HTTP statuses, and the helpers that write every reply of the
// control API: JSON bodies, `{ "error": { "code", "message" } }` errors, no CORS headers ever.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BerthError, type BerthErrorCode } from '../errors.ts';
import { replyThenDrain } from './drain-body.ts';

/** HTTP status for each error code the API can answer with; anything else is a 500. */
const STATUS_BY_CODE: Partial<Record<BerthErrorCode, number>> = {
  BAD_REQUEST: 400,
  SECRET_INVALID: 400,
  CONFIG_INVALID: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SERVICE_UNKNOWN: 404,
  METHOD_NOT_ALLOWED: 405,
  TRANSITION_INVALID: 409,
  UPDATE_IN_PROGRESS: 409,
  BUNDLE_INVALID: 400,
  BUNDLE_NOT_INSTALLED: 404,
  FEED_FAILED: 502,
  PAYLOAD_TOO_LARGE: 413,
};

/** The HTTP status an error maps to. */
export function statusForError(error: unknown): number {
  return error instanceof BerthError ? (STATUS_BY_CODE[error.code] ?? 500) : 500;
}

/** Headers on every reply: no sniffing, no caching, no referrer (and never any CORS header). */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

const JSON_TYPE = 'application/json; charset=utf-8';

/** Writes a JSON reply. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...BASE_HEADERS, 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * Writes an error reply. Only BerthError messages are shown; anything else becomes a generic
 * INTERNAL message (an unexpected error's text could carry anything, secrets included). With
 * `unread` (a request whose body is still arriving) the connection closes after a bounded drain.
 */
export function sendError(res: ServerResponse, error: unknown, headers: Record<string, string> = {}, unread?: IncomingMessage): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const status = statusForError(error);
  const code = error instanceof BerthError ? error.code : 'INTERNAL';
  const message = error instanceof BerthError ? error.message : 'Internal error; see the supervisor log.';
  const body = { error: { code, message } };
  if (unread === undefined) sendJson(res, status, body, headers);
  else replyThenDrain(unread, res, status, { ...BASE_HEADERS, 'content-type': JSON_TYPE, ...headers }, JSON.stringify(body));
}

/** Shorthand for throwing a coded error from a handler. */
export function httpError(code: BerthErrorCode, message: string): BerthError {
  return new BerthError(code, message);
}
