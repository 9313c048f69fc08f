// The path of one call: a route of the contract's table with its `:params` filled in.
import type { ROUTES } from '../contract-core.ts';

/** One route of the contract's table. */
export type Route = (typeof ROUTES)[keyof typeof ROUTES];

/** Fills a route's `:params` (URL-encoded) and appends a query. */
export function pathOf(route: Route, params: Record<string, string> = {}, query?: URLSearchParams): string {
  const path = route.path.replace(/:([a-z]+)/g, (_match, name: string) => encodeURIComponent(params[name] ?? ''));
  const search = query?.toString() ?? '';
  return search === '' ? path : `${path}?${search}`;
}
