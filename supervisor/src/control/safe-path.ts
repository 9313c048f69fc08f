// Refuses request paths that try to escape or confuse routing before anything looks at them:
// dot segments (plain or encoded), encoded slashes or backslashes, NUL, bad percent-encoding.

/** Encoded separators, dots and NUL never appear in a legitimate Berth URL. */
const SUSPICIOUS = /%2e|%2f|%5c|%00|\\|\0/i;

/** True when `pathname` (still percent-encoded) is safe to route and to map onto files. */
export function isSafePath(pathname: string): boolean {
  if (!pathname.startsWith('/') || pathname.startsWith('//') || SUSPICIOUS.test(pathname)) return false;
  if (pathname.split('/').some((segment) => segment === '.' || segment === '..')) return false;
  try {
    decodeURIComponent(pathname);
  } catch {
    return false;
  }
  return true;
}

/** The pathname and query of a raw request URL, without URL normalisation (which would hide `..`). */
export function splitRequestUrl(rawUrl: string): { pathname: string; query: URLSearchParams } {
  const index = rawUrl.indexOf('?');
  const pathname = index === -1 ? rawUrl : rawUrl.slice(0, index);
  const query = new URLSearchParams(index === -1 ? '' : rawUrl.slice(index + 1));
  return { pathname, query };
}
