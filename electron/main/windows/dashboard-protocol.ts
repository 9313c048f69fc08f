// The dashboard is served on `berth://app/` rather than file://: the page gets a real origin, a
// strict CSP header, and no access to the file system beyond dist/renderer.
import path from 'node:path';

/** The dashboard's scheme (registered as privileged before app ready). */
export const DASHBOARD_SCHEME = 'berth';
/** The dashboard's origin. */
export const DASHBOARD_ORIGIN = `${DASHBOARD_SCHEME}://app`;
/** The dashboard's start URL (hash routes: `#/`). */
export const DASHBOARD_URL = `${DASHBOARD_ORIGIN}/index.html#/`;

/** The dashboard's page of one service (the renderer's `#/services/<name>` route). */
export function dashboardServiceUrl(service: string): string {
  return `${DASHBOARD_ORIGIN}/index.html#/services/${encodeURIComponent(service)}`;
}

/** The dashboard's Content-Security-Policy: its own scripts only, no remote code, no framing. */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The content type for a file name. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Maps a `berth://app/…` URL to a file under rootDir, or null (other host, traversal, bad URL). */
export function resolveDashboardFile(rootDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (`${parsed.protocol}//${parsed.host}` !== DASHBOARD_ORIGIN) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}
