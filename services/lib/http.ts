// Small HTTP helpers shared by the services: JSON bodies with a size limit, JSON responses and
// errors, zod validation with per-field messages. `node:http` only, no framework.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { HttpError, errorBody } from './http-error.ts';

/** Default request body limit: 1 MiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** Sends `body` as JSON with `status`. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(text);
}

/** Sends an empty response (204, 304…). */
export function sendEmpty(response: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'cache-control': 'no-store', ...headers });
  response.end();
}

/** Sends an HttpError (or a 500 for anything else) as the JSON error envelope. */
export function sendError(response: ServerResponse, error: unknown): void {
  const httpError = error instanceof HttpError ? error : new HttpError('INTERNAL', 'internal error');
  if (response.headersSent) {
    response.destroy();
    return;
  }
  // A refused body may still be arriving: close the connection rather than read the rest.
  const close: Record<string, string> = httpError.code === 'PAYLOAD_TOO_LARGE' ? { connection: 'close' } : {};
  sendJson(response, httpError.status, errorBody(httpError), { ...httpError.headers, ...close });
}

/** Reads a JSON request body of at most `limitBytes`; 415, 413 and 400 when it is not one. */
export async function readJsonBody(request: IncomingMessage, limitBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<unknown> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
  }
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new HttpError('INVALID_JSON', 'the request body is empty; send a JSON object');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError('INVALID_JSON', 'the request body is not valid JSON', { cause: error });
  }
}

const tooLarge = (limitBytes: number): HttpError =>
  new HttpError('PAYLOAD_TOO_LARGE', `the request body is larger than ${limitBytes} bytes`, { details: { limitBytes } });

/** Parses `value` with `schema`, or throws 400 VALIDATION_FAILED listing every problem by path. */
export function validate<Schema extends z.ZodType>(schema: Schema, value: unknown, what = 'body'): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: [what, ...issue.path].join('.'), message: issue.message }));
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new HttpError('VALIDATION_FAILED', summary, { details: { issues } });
}
