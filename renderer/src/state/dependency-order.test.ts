// Start-up order: dependency levels, stable within a level, tolerant of cycles.
import { describe, expect, it } from 'vitest';
import { makeService } from '../test/fixtures.ts';
import { orderByDependencies } from './dependency-order.ts';

describe('orderByDependencies', () => {
  it('puts dependencies first and keeps the given order within a level', () => {
    const ordered = orderByDependencies([
      makeService('ui', { dependsOn: { api: 'ready' } }),
      makeService('api', { dependsOn: { db: 'ready', migrate: 'completed' } }),
      makeService('migrate', { dependsOn: { db: 'ready' } }),
      makeService('db'),
      makeService('cache'),
    ]);
    expect(ordered.map(({ service, level }) => `${service.name}:${level}`)).toEqual(['db:0', 'cache:0', 'migrate:1', 'api:2', 'ui:3']);
  });

  it('does not loop on a cycle', () => {
    const ordered = orderByDependencies([makeService('a', { dependsOn: { b: 'ready' } }), makeService('b', { dependsOn: { a: 'ready' } })]);
    expect(ordered).toHaveLength(2);
  });
});
