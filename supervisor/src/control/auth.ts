// Who may call the API: a bearer token (32 random bytes, new at every start) or the operator's
// API key (issue 19), both compared in constant time, or — for the dashboard only — a session
// cookie that is honoured solely on same-origin requests. Every other client stays bearer-only.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BerthError } from '../errors.ts';
import { ownOrigin } from './host-check.ts';

/** Name of the dashboard's session cookie. */
export const SESSION_COOKIE = 'berth_session';

/** A fresh random credential: 32 bytes, base64url. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time string comparison: both sides are hashed first so lengths never leak. */
export function safeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** The value of one cookie of the request, or null. */
export function cookieOf(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return null;
}

/** True when a cookie-carrying request comes from our own page (Fetch Metadata, else Origin). */
export function isSameOriginRequest(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = req.headers.origin;
  return origin === undefined || origin.toLowerCase() === ownOrigin(req);
}

/** Checks bearer tokens and dashboard sessions of one server run. */
export class Authenticator {
  readonly token: string;
  private readonly apiKey: string | null;
  private readonly sessions = new Set<string>();

  constructor(token: string = createToken(), apiKey: string | null = null) {
    this.token = token;
    this.apiKey = apiKey;
  }

  /** Starts a dashboard session; returns the cookie value (never the token itself). */
  createSession(): string {
    const id = createToken();
    this.sessions.add(id);
    return id;
  }

  /** Throws UNAUTHORIZED (401) or FORBIDDEN (403, cross-origin cookie) unless the request may pass. */
  authorize(req: IncomingMessage): void {
    const bearer = bearerOf(req);
    if (bearer !== null) {
      // Both comparisons always run: which credential matched (if any) takes the same time.
      const isToken = safeEqual(bearer, this.token);
      const isKey = this.apiKey !== null && safeEqual(bearer, this.apiKey);
      if (isToken || isKey) return;
      throw new BerthError('UNAUTHORIZED', 'The bearer token is not valid for this supervisor.');
    }
    const session = cookieOf(req, SESSION_COOKIE);
    if (session !== null && this.hasSession(session)) {
      if (isSameOriginRequest(req)) return;
      throw new BerthError('FORBIDDEN', 'Session cookies are accepted only from the dashboard itself (same origin).');
    }
    throw new BerthError('UNAUTHORIZED', 'Missing credentials: send "Authorization: Bearer <token>" (see control.json).');
  }

  private hasSession(given: string): boolean {
    let found = false;
    for (const id of this.sessions) found = safeEqual(given, id) || found;
    return found;
  }

  /** Forgets every session (server close). */
  clear(): void {
    this.sessions.clear();
  }
}
