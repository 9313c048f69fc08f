import { describe, expect, test } from 'vitest';
import { HttpError } from './http-error.ts';
import { routeRequest } from './router.ts';
import type { Route } from './router.ts';

const handler = (): void => {};
const routes: Route[] = [
  { method: 'GET', path: '/api/notes', handler },
  { method: 'POST', path: '/api/notes', handler },
  { method: 'GET', path: '/api/notes/:id', handler },
  { method: 'DELETE', path: '/api/notes/:id', handler },
];

const failure = (method: string, path: string): HttpError => {
  try {
    routeRequest(routes, method, path);
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected the route lookup to fail');
};

describe('routeRequest', () => {
  test.each([
    ['GET', '/api/notes', {}],
    ['HEAD', '/api/notes', {}],
    ['GET', '/api/notes/42', { id: '42' }],
    ['DELETE', '/api/notes/a%20b', { id: 'a b' }],
  ])('%s %s matches with params %o', (method, path, params) => {
    expect(routeRequest(routes, method, path).params).toEqual(params);
  });

  test.each([
    ['GET', '/api', 'NOT_FOUND', 404],
    ['GET', '/api/notes/', 'NOT_FOUND', 404],
    ['GET', '/api/notes/1/extra', 'NOT_FOUND', 404],
    ['PUT', '/api/notes', 'METHOD_NOT_ALLOWED', 405],
    ['GET', '/api/notes/%zz', 'BAD_REQUEST', 400],
  ])('%s %s is %s', (method, path, code, status) => {
    const error = failure(method, path);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
  });

  test('405 lists the allowed methods', () => {
    expect(failure('PATCH', '/api/notes/1').headers).toEqual({ allow: 'GET, DELETE' });
  });
});
