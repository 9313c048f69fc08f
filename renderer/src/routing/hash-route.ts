// Routes live in the URL's hash, so the same build works from file:// (Electron) and from `/`
// (served by the supervisor) without any server-side routing.

/** Every screen reachable by URL. */
export type Route =
  | { name: 'home' }
  | { name: 'overview' }
  | { name: 'startup' }
  | { name: 'service'; service: string }
  | { name: 'secrets' }
  | { name: 'preflight' }
  | { name: 'updates' }
  | { name: 'not-found'; hash: string };

/** Parses `#/services/api` and friends; anything unknown is `not-found`. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/' || path === '') return { name: 'home' };
  if (path === '/overview') return { name: 'overview' };
  if (path === '/startup') return { name: 'startup' };
  if (path === '/secrets') return { name: 'secrets' };
  if (path === '/preflight') return { name: 'preflight' };
  if (path === '/updates') return { name: 'updates' };
  const service = /^\/services\/([^/]+)$/.exec(path)?.[1];
  if (service !== undefined) {
    try {
      return { name: 'service', service: decodeURIComponent(service) };
    } catch {
      return { name: 'not-found', hash };
    }
  }
  return { name: 'not-found', hash };
}

/** The href (a hash) of a route. */
export function hrefFor(route: Exclude<Route, { name: 'not-found' }>): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'overview':
      return '#/overview';
    case 'startup':
      return '#/startup';
    case 'service':
      return `#/services/${encodeURIComponent(route.service)}`;
    case 'secrets':
      return '#/secrets';
    case 'preflight':
      return '#/preflight';
    case 'updates':
      return '#/updates';
  }
}
