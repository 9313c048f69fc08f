// Refuses a graph with cycles or unknown targets, for callers that skipped manifest validation.
import { BerthError } from '../errors.ts';
import { formatCycle, type DependencyGraph } from './dependency-graph.ts';

/** Throws GRAPH_CYCLE (every cycle and unknown target listed) unless the graph can be started. */
export function requireStartableGraph(graph: DependencyGraph): void {
  const details = [
    ...graph.cycles.map((cycle) => `dependency cycle: ${formatCycle(cycle)}`),
    ...graph.unknownTargets.map(({ from, to }) => `${from} depends on unknown service "${to}"`),
  ];
  if (details.length === 0) return;
  throw new BerthError('GRAPH_CYCLE', `the dependency graph cannot be started (${details.length} problem${details.length === 1 ? '' : 's'})`, { details });
}
