// Serves the built dashboard (dist/renderer) at `/` and `/assets/*` with a strict CSP, and the
// Jupyter-style login: `GET /?token=<token>` sets an HttpOnly SameSite=Strict session cookie
// and redirects to `/`, so the token leaves the address bar. A wrong token still loads the page
// (its API calls then get 401 and it says "token invalid").
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { SESSION_COOKIE, safeEqual, type Authenticator } from './auth.ts';
import { BASE_HEADERS } from './http-errors.ts';

/** Headers of every dashboard file. */
export const DASHBOARD_HEADERS: Readonly<Record<string, string>> = {
  ...BASE_HEADERS,
  'content-security-policy': "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file name segment the dashboard may serve: no dot files, no separators. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** True when a GET of `pathname` is a dashboard path (`/`, `/index.html`, `/assets/…`, top-level files). */
export function isDashboardPath(pathname: string): boolean {
  if (pathname === '/' || pathname === '/index.html') return true;
  const segments = pathname.slice(1).split('/');
  if (segments.length === 1) return SEGMENT.test(segments[0] ?? '') && extname(pathname) in CONTENT_TYPES;
  return segments[0] === 'assets' && segments.slice(1).every((segment) => SEGMENT.test(segment));
}

/** Serves one dashboard request (GET only); answers 404 for anything missing or outside the folder. */
export async function serveDashboard(
  res: ServerResponse,
  pathname: string,
  query: URLSearchParams,
  dashboardDir: string,
  auth: Authenticator,
): Promise<void> {
  const token = query.get('token');
  if (pathname === '/' && token !== null && safeEqual(token, auth.token)) {
    const cookie = `${SESSION_COOKIE}=${auth.createSession()}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(302, { ...BASE_HEADERS, location: '/', 'set-cookie': cookie, 'content-length': 0 });
    res.end();
    return;
  }
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = await resolveInside(dashboardDir, relative);
  if (file === null) {
    const text = 'Not found';
    res.writeHead(404, { ...DASHBOARD_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'content-length': text.length });
    res.end(text);
    return;
  }
  const data = await readFile(file);
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { ...DASHBOARD_HEADERS, 'content-type': type, 'content-length': data.length });
  res.end(data);
}

/** The real path of `relative` inside `root`, or null when missing or (through links) outside. */
async function resolveInside(root: string, relative: string): Promise<string | null> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(join(realRoot, ...relative.split('/')));
    return real.startsWith(realRoot + sep) && (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** A request method the dashboard answers (GET only). */
export function isDashboardRequest(req: IncomingMessage, pathname: string): boolean {
  return req.method === 'GET' && isDashboardPath(pathname);
}
