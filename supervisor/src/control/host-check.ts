// DNS-rebinding defence: a page on evil.example that re-points its name at 127.0.0.1 still
// sends `Host: evil.example:PORT`. Accepted: loopback names with our own port, and — when the API
// is bound beyond loopback (issue 19) — the bound address, or for a wildcard bind (0.0.0.0, ::)
// every address of this machine's interfaces and its host name. A name an attacker controls is
// never among them.
import type { IncomingMessage } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import { isIP } from 'node:net';

/** `host:port` text for an address (IPv6 in brackets), lower-case. */
function hostPort(host: string, port: number): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`.toLowerCase();
}

/** Every Host header value the control API accepts when bound to `bound` on `port`. */
export function allowedHosts(bound: string, port: number): ReadonlySet<string> {
  const names = ['127.0.0.1', 'localhost', '::1'];
  if (bound === '0.0.0.0' || bound === '::') {
    for (const addresses of Object.values(networkInterfaces())) for (const address of addresses ?? []) names.push(address.address.replace(/%.*$/, ''));
    names.push(hostname());
  } else names.push(bound);
  return new Set(names.map((name) => hostPort(name, port)));
}

/** True when the Host header names this server through one of `allowed` (see allowedHosts). */
export function isAllowedHost(req: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && allowed.has(host.toLowerCase());
}

/** Our own origin as the browser sees it through the (already checked) Host header. */
export function ownOrigin(req: IncomingMessage): string {
  return `http://${(req.headers.host ?? '').toLowerCase()}`;
}
