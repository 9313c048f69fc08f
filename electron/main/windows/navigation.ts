// Where a window may go: our own origins load in place; other http(s) links open in the default
// browser after a check; everything else is refused. Pure.

/** What to do with one navigation or window.open. */
export type NavigationDecision = { action: 'allow' } | { action: 'open-external'; url: string } | { action: 'deny'; reason: string };

/** The origin of a URL the way this guard compares them (`berth://app`, `http://127.0.0.1:47800`). */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** Decides a navigation to `url` given the app's own origins (dashboard, the bundle's ui). */
export function decideNavigation(url: string, ownOrigins: readonly string[]): NavigationDecision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { action: 'deny', reason: 'not a valid URL' };
  }
  const origin = `${parsed.protocol}//${parsed.host}`;
  if (ownOrigins.includes(origin)) return { action: 'allow' };
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { action: 'deny', reason: `scheme ${parsed.protocol} is not allowed` };
  if (parsed.username || parsed.password) return { action: 'deny', reason: 'URLs with credentials are not opened' };
  if (!parsed.hostname) return { action: 'deny', reason: 'no host' };
  return { action: 'open-external', url: parsed.href };
}
