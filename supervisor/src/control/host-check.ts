// DNS-rebinding defence: a page on evil.example that re-points its name at 127.0.0.1 still
// sends `Host: evil.example:PORT`. Only loopback names with our own port are accepted.
import type { IncomingMessage } from 'node:http';

/** True when the Host header names this server through a loopback name (127.0.0.1, localhost, [::1]). */
export function isAllowedHost(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  if (typeof host !== 'string') return false;
  const lower = host.toLowerCase();
  return lower === `127.0.0.1:${port}` || lower === `localhost:${port}` || lower === `[::1]:${port}`;
}

/** Our own origin as the browser sees it through the (already checked) Host header. */
export function ownOrigin(req: IncomingMessage): string {
  return `http://${(req.headers.host ?? '').toLowerCase()}`;
}
