// Hash routes parse and print symmetrically.
import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from './hash-route.ts';

describe('parseHash', () => {
  it.each([
    ['', { name: 'home' }],
    ['#/', { name: 'home' }],
    ['#/overview', { name: 'overview' }],
    ['#/startup', { name: 'startup' }],
    ['#/secrets/', { name: 'secrets' }],
    ['#/preflight', { name: 'preflight' }],
    ['#/services/api', { name: 'service', service: 'api' }],
    ['#/services/my%20api', { name: 'service', service: 'my api' }],
    ['#/services/%E0%A4%A', { name: 'not-found', hash: '#/services/%E0%A4%A' }],
    ['#/elsewhere', { name: 'not-found', hash: '#/elsewhere' }],
  ])('%s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('round-trips service names', () => {
    expect(parseHash(hrefFor({ name: 'service', service: 'a/b c' }))).toEqual({ name: 'service', service: 'a/b c' });
  });
});
