// Bearer-token checks in constant time. Both sides are hashed first so the comparison never
// depends on (or leaks) the expected token's length.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.ts';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Makes a checker for `Authorization: Bearer <expected>`. */
export function createBearerCheck(expected: string): (authorization: string | undefined) => boolean {
  const expectedDigest = digest(expected);
  return (authorization) => {
    const match = /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(authorization ?? '');
    const given = digest(match?.[1] ?? '');
    // Always compare, even without a token, so a missing header takes the same time.
    return timingSafeEqual(given, expectedDigest) && match !== null;
  };
}

/** Throws 401 unless the request carries the expected bearer token. */
export function requireBearer(check: (authorization: string | undefined) => boolean, request: IncomingMessage): void {
  if (!check(request.headers.authorization)) {
    throw new HttpError('UNAUTHORIZED', 'a valid bearer token is required', { headers: { 'www-authenticate': 'Bearer' } });
  }
}
