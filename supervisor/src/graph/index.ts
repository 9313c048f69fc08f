// Public API of the graph concern: other concerns import only this file.
export {
  buildDependencyGraph,
  computeStartLevels,
  findCycles,
  findUnknownTargets,
  formatCycle,
  type DependencyGraph,
  type DependencyNodes,
  type UnknownTarget,
} from './dependency-graph.ts';
export { requireStartableGraph } from './require-startable.ts';
