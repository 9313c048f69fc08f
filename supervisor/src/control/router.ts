// Matches a request path against the contract's ROUTES: a route or 404, the right method or 405
// with Allow. Path parameters are single segments; `:action` only matches start|stop|restart.
import { ROUTES } from './contract-core.ts';

/** Name of a route in the contract's ROUTES table. */
export type RouteName = keyof typeof ROUTES;

/** Outcome of matching one request. */
export type RouteMatch =
  | { kind: 'route'; name: RouteName; params: Record<string, string> }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed'; allow: string[] };

const PARAM_PATTERNS: Readonly<Record<string, string>> = { action: '(start|stop|restart)' };

interface CompiledRoute {
  name: RouteName;
  method: string;
  pattern: RegExp;
  params: string[];
}

const COMPILED: readonly CompiledRoute[] = (Object.keys(ROUTES) as RouteName[]).map((name) => {
  const params: string[] = [];
  const source = ROUTES[name].path.replace(/:([a-z]+)/g, (_all, param: string) => {
    params.push(param);
    return PARAM_PATTERNS[param] ?? '([^/]+)';
  });
  return { name, method: ROUTES[name].method, pattern: new RegExp(`^${source}$`), params };
});

/** Finds the route for `method` + `pathname` (pathname still percent-encoded). */
export function matchRoute(method: string, pathname: string): RouteMatch {
  const allow = new Set<string>();
  for (const route of COMPILED) {
    const match = route.pattern.exec(pathname);
    if (match === null) continue;
    if (route.method !== method) {
      allow.add(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    route.params.forEach((param, index) => {
      params[param] = decodeURIComponent(match[index + 1] ?? '');
    });
    return { kind: 'route', name: route.name, params };
  }
  return allow.size > 0 ? { kind: 'method-not-allowed', allow: [...allow].sort() } : { kind: 'not-found' };
}
