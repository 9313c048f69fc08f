// The web app's files, read once at start into memory (they are a few kilobytes) and served by
// exact path only, so no request can reach a file outside the folder. Every response carries an
// ETag (304 on revalidation) and the security headers; HTML gets a strict CSP.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Security-Policy of the app's pages: its own scripts and styles, nothing else. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

interface StaticFile {
  body: Buffer;
  type: string;
  etag: string;
}

/** The files of a folder by URL path (`/index.html`, `/app.js`…). */
export type StaticFiles = ReadonlyMap<string, StaticFile>;

/** Reads every servable file under `dir` (dotfiles are skipped). */
export async function loadStaticFiles(dir: string): Promise<StaticFiles> {
  const files = new Map<string, StaticFile>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    const urlPath = `/${relative(dir, path).split(sep).join('/')}`;
    const type = CONTENT_TYPES[extname(entry.name).toLowerCase()];
    if (!entry.isFile() || type === undefined || urlPath.split('/').some((part) => part.startsWith('.'))) continue;
    const body = await readFile(path);
    files.set(urlPath, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });
  }
  if (!files.has('/index.html')) throw new Error(`${dir} has no index.html; build the services first (npm run build)`);
  return files;
}

/** Serves the file for `pathname` (`/` is index.html); false when there is no such file. */
export function sendStaticFile(files: StaticFiles, pathname: string, ifNoneMatch: string | undefined, response: ServerResponse): boolean {
  const file = files.get(pathname === '/' ? '/index.html' : pathname);
  if (file === undefined) return false;
  const headers: Record<string, string> = {
    'content-type': file.type,
    etag: file.etag,
    // Names are not content-hashed: always revalidate (cheap, thanks to the ETag).
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(file.type.startsWith('text/html') ? { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-frame-options': 'DENY' } : {}),
  };
  if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim() === file.etag)) {
    response.writeHead(304, headers);
    response.end();
    return true;
  }
  response.writeHead(200, { ...headers, 'content-length': String(file.body.length) });
  response.end(file.body);
  return true;
}
