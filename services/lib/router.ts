// A tiny method + path router: `/api/notes/:id` patterns, 404 for unknown paths and 405 (with
// Allow) for a known path asked with the wrong method.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http-error.ts';

/** What a handler receives. */
export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  params: Readonly<Record<string, string>>;
}

/** A request handler; it writes the response itself. */
export type RouteHandler = (context: RouteContext) => Promise<void> | void;

/** One route: an HTTP method and a path pattern whose `:name` segments become params. */
export interface Route {
  method: string;
  path: string;
  handler: RouteHandler;
}

const matchPath = (pattern: string, path: string): Record<string, string> | undefined => {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of want.entries()) {
    const actual = got[index] ?? '';
    if (segment.startsWith(':')) {
      if (actual === '') return undefined;
      params[segment.slice(1)] = decodeURIComponent(actual);
    } else if (segment !== actual) {
      return undefined;
    }
  }
  return params;
};

/** Finds the route for a request, or throws 404 / 405. */
export function routeRequest(routes: readonly Route[], method: string, path: string): { handler: RouteHandler; params: Record<string, string> } {
  const allowed: string[] = [];
  for (const route of routes) {
    let params: Record<string, string> | undefined;
    try {
      params = matchPath(route.path, path);
    } catch (error) {
      throw new HttpError('BAD_REQUEST', 'the path is not valid percent-encoding', { cause: error });
    }
    if (params === undefined) continue;
    if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { handler: route.handler, params };
    allowed.push(route.method);
  }
  if (allowed.length === 0) throw new HttpError('NOT_FOUND', `no such endpoint: ${path}`);
  throw new HttpError('METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}; use ${allowed.join(', ')}`, {
    headers: { allow: [...new Set(allowed)].join(', ') },
  });
}
