import { describe, expect, it } from 'vitest';
import { isBerthError } from '../errors.ts';
import { buildDependencyGraph, computeStartLevels, findCycles, findUnknownTargets, formatCycle, requireStartableGraph, type DependencyNodes } from './index.ts';

/** Shorthand: { a: 'b c' } means a depends on b and c. */
function graphOf(spec: Record<string, string>): DependencyNodes {
  return Object.fromEntries(
    Object.entries(spec).map(([name, deps]) => [name, { dependsOn: Object.fromEntries(deps.split(' ').filter(Boolean).map((dep) => [dep, 'ready'])) }]),
  );
}

describe('computeStartLevels', () => {
  it.each([
    ['empty', {}, []],
    ['independent nodes share level 0, sorted', { c: '', a: '', b: '' }, [['a', 'b', 'c']]],
    ['chain', { api: 'db', ui: 'api', db: '' }, [['db'], ['api'], ['ui']]],
    ['DESIGN example', { db: '', migrate: 'db', api: 'db migrate', ui: 'api' }, [['db'], ['migrate'], ['api'], ['ui']]],
    ['diamond', { a: '', b: 'a', c: 'a', d: 'b c' }, [['a'], ['b', 'c'], ['d']]],
    ['unknown targets are ignored', { a: 'ghost', b: 'a' }, [['a'], ['b']]],
    ['cycle members and their dependents are left out', { a: 'b', b: 'a', c: '', d: 'a' }, [['c']]],
  ] as const)('%s', (_label, spec, expected) => {
    expect(computeStartLevels(graphOf(spec))).toEqual(expected);
  });
});

describe('findCycles', () => {
  it.each([
    ['none', { a: '', b: 'a' }, []],
    ['self-dependency', { a: 'a' }, [['a', 'a']]],
    ['two nodes', { b: 'a', a: 'b' }, [['a', 'b', 'a']]],
    ['three nodes, rotated to the first name', { c: 'a', a: 'b', b: 'c' }, [['a', 'b', 'c', 'a']]],
    ['direction is kept', { a: 'c', c: 'b', b: 'a' }, [['a', 'c', 'b', 'a']]],
    ['two separate cycles', { x: 'y', y: 'x', a: 'b', b: 'a', z: 'x' }, [['a', 'b', 'a'], ['x', 'y', 'x']]],
    ['cycle behind an acyclic prefix', { start: 'm', m: 'n', n: 'o', o: 'm' }, [['m', 'n', 'o', 'm']]],
  ] as const)('%s', (_label, spec, expected) => {
    expect(findCycles(graphOf(spec))).toEqual(expected);
  });

  it('is deterministic whatever the key order', () => {
    const forward = findCycles(graphOf({ a: 'b', b: 'c', c: 'a', d: 'a' }));
    const backward = findCycles(graphOf({ d: 'a', c: 'a', b: 'c', a: 'b' }));
    expect(backward).toEqual(forward);
    expect(formatCycle(forward[0] ?? [])).toBe('a → b → c → a');
  });
});

describe('findUnknownTargets', () => {
  it.each([
    ['none', { a: '', b: 'a' }, []],
    ['sorted by from then to', { z: 'q', a: 'y x' }, [{ from: 'a', to: 'x' }, { from: 'a', to: 'y' }, { from: 'z', to: 'q' }]],
  ] as const)('%s', (_label, spec, expected) => {
    expect(findUnknownTargets(graphOf(spec))).toEqual(expected);
  });
});

describe('buildDependencyGraph', () => {
  const graph = buildDependencyGraph(graphOf({ db: '', migrate: 'db', api: 'db migrate', ui: 'api', worker: 'db', docs: '' }));

  it.each([
    ['db', ['migrate', 'worker', 'api', 'ui']],
    ['migrate', ['api', 'ui']],
    ['api', ['ui']],
    ['ui', []],
    ['docs', []],
    ['ghost', []],
  ] as const)('dependentsOf(%s) is transitive, in start order', (name, expected) => {
    expect(graph.dependentsOf(name)).toEqual(expected);
  });

  it('knows direct dependencies, names and shutdown order', () => {
    expect(graph.dependenciesOf('api')).toEqual(['db', 'migrate']);
    expect(graph.names).toEqual(['api', 'db', 'docs', 'migrate', 'ui', 'worker']);
    expect(graph.levels).toEqual([['db', 'docs'], ['migrate', 'worker'], ['api'], ['ui']]);
    expect(graph.shutdownLevels).toEqual([['ui'], ['api'], ['migrate', 'worker'], ['db', 'docs']]);
    expect(graph.cycles).toEqual([]);
  });

  it('dependentsOf terminates on cycles', () => {
    expect(buildDependencyGraph(graphOf({ a: 'b', b: 'a', c: 'a' })).dependentsOf('a')).toEqual(['b', 'c']);
  });
});

describe('requireStartableGraph', () => {
  it('accepts an acyclic graph', () => {
    expect(() => requireStartableGraph(buildDependencyGraph(graphOf({ a: '', b: 'a' })))).not.toThrow();
  });

  it('throws GRAPH_CYCLE listing the cycle and unknown targets', () => {
    let caught: unknown;
    try {
      requireStartableGraph(buildDependencyGraph(graphOf({ a: 'b', b: 'a ghost' })));
    } catch (error) {
      caught = error;
    }
    expect(isBerthError(caught, 'GRAPH_CYCLE')).toBe(true);
    expect(isBerthError(caught) ? caught.details : []).toEqual(['dependency cycle: a → b → a', 'b depends on unknown service "ghost"']);
  });
});
