// What the orchestrator reads off the services' states at each evaluation: a service's unmet
// dependencies, and the dead services (failed, or held down by a person) below each service.
// Runs for every service at every state change, so the common case allocates nothing.
import type { BlockedBy, BlockingDependency, ServiceState } from '../control/contract.ts';
import type { DependencyGraph } from '../graph/index.ts';
import { meetsCondition, type Lifecycle } from './lifecycle/index.ts';

/** What these helpers need of a service. */
interface Node {
  readonly name: string;
  readonly state: Lifecycle;
  readonly definition: { readonly spec: { readonly dependsOn: Readonly<Record<string, 'started' | 'ready' | 'completed'>> } };
}

/** Nothing to wait on: shared by every service with no unmet dependency (never mutated). */
const NONE: readonly BlockingDependency[] = Object.freeze([]);

/** A dependency that cannot come back by itself: failed, or held down by a person. */
export function isDead(node: Node): boolean {
  const { phase, wanted } = node.state;
  return phase === 'failed' || (phase === 'stopped' && wanted === 'down');
}

/** The dependencies of `node` whose condition is not met, in bundle order. */
export function unmetDependencies(node: Node, nodes: ReadonlyMap<string, Node>): readonly BlockingDependency[] {
  const dependsOn = node.definition.spec.dependsOn;
  let unmet: BlockingDependency[] | null = null;
  for (const service in dependsOn) {
    const target = nodes.get(service);
    const condition = dependsOn[service];
    if (target !== undefined && condition !== undefined && !meetsCondition(target.state.phase, condition)) (unmet ??= []).push({ service, condition, state: target.state.phase });
  }
  return unmet ?? NONE;
}

/**
 * For every service with an unmet dependency that is dead, or sits on a dead one, the dead services
 * (in start order, so a dependency's answer is known before its dependents'): a failure stops the
 * whole chain above it, each naming the failed service. Empty (and allocation-free) when nothing is dead.
 */
export function deadRoots(nodes: ReadonlyMap<string, Node>, graph: DependencyGraph): Map<string, Array<{ service: string; state: ServiceState }>> {
  const roots = new Map<string, Array<{ service: string; state: ServiceState }>>();
  let anyDead = false;
  for (const node of nodes.values()) anyDead ||= isDead(node);
  if (!anyDead) return roots;
  const names = new Map<string, Set<string>>();
  for (const name of graph.levels.flat()) {
    const node = nodes.get(name);
    if (node === undefined) continue;
    const found = new Set<string>();
    for (const { service } of unmetDependencies(node, nodes)) {
      const target = nodes.get(service);
      if (target !== undefined && isDead(target)) found.add(service);
      for (const root of names.get(service) ?? []) found.add(root);
    }
    if (found.size === 0) continue;
    names.set(name, found);
    roots.set(name, [...found].sort().map((service) => ({ service, state: nodes.get(service)?.state.phase ?? 'failed' })));
  }
  return roots;
}

/** True when two blocks say the same (so the same intent is not sent again). */
export function sameBlock(current: BlockedBy | null, next: Extract<BlockedBy, { kind: 'dependencies' }>): boolean {
  if (current?.kind !== 'dependencies' || current.on.length !== next.on.length || current.failed.length !== next.failed.length) return false;
  const same = <T extends { service: string; state: ServiceState }>(a: readonly T[], b: readonly T[]) => a.every((entry, index) => entry.service === b[index]?.service && entry.state === b[index]?.state);
  return same(current.on, next.on) && same(current.failed, next.failed);
}
