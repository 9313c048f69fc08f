// Browser-facing protections of the UI server. A page on another site must not reach the notes
// through this loopback server: requests whose Host is not a name of this machine are refused
// (DNS rebinding), and so are writes whose Origin is another site (CSRF).
import type { IncomingMessage } from 'node:http';
import { HttpError } from '../../lib/http-error.ts';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host name of a Host header, without the port, lower-cased. */
export function hostnameOf(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0] ?? '';
}

/** Throws 403 when the request's Host or Origin says it does not come from this app. */
export function checkRequestOrigin(request: IncomingMessage, allowedHosts: readonly string[]): void {
  const host = request.headers.host ?? '';
  const hostname = hostnameOf(host);
  if (!LOOPBACK_HOSTS.has(hostname) && !hostname.endsWith('.localhost') && !allowedHosts.includes(hostname)) {
    throw new HttpError('FORBIDDEN', `requests for host "${hostname}" are not served here`);
  }
  const origin = request.headers.origin;
  if (origin === undefined || SAFE_METHODS.has(request.method ?? 'GET')) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    originHost = '';
  }
  if (originHost !== host.toLowerCase()) throw new HttpError('FORBIDDEN', 'cross-site requests are not accepted');
}
