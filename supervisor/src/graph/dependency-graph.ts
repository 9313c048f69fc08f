// The dependency graph of a bundle, pure: unknown targets, cycles, start levels, transitive
// dependents and shutdown order. Every list is deterministic (ties broken alphabetically), as in
// process-compose's graph.go.

/** The input: each node names the nodes it depends on (the condition is not needed here). */
export type DependencyNodes = Readonly<Record<string, { readonly dependsOn: Readonly<Record<string, string>> }>>;

/** A `dependsOn` entry naming a node that does not exist. */
export interface UnknownTarget {
  readonly from: string;
  readonly to: string;
}

/** What `buildDependencyGraph` computes once, for the validator and the runtime. */
export interface DependencyGraph {
  /** Every node, sorted. */
  readonly names: readonly string[];
  readonly unknownTargets: readonly UnknownTarget[];
  /** Each cycle as a closed path starting at its alphabetically first node: [a, b, c, a]; a self-dependency is [a, a]. */
  readonly cycles: readonly (readonly string[])[];
  /** Start levels: level 0 has no dependencies, level n depends only on levels < n. Nodes on or behind a cycle are left out. */
  readonly levels: readonly (readonly string[])[];
  /** Levels in reverse, for shutdown: dependents stop before what they depend on. */
  readonly shutdownLevels: readonly (readonly string[])[];
  /** Direct, known dependencies of `name`, sorted. */
  dependenciesOf(name: string): readonly string[];
  /** Every node that depends on `name`, directly or not, in start order (level, then name). */
  dependentsOf(name: string): readonly string[];
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Known dependencies of every node, sorted. */
function knownEdges(nodes: DependencyNodes, names: readonly string[]): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const name of names) {
    const targets = Object.keys(nodes[name]?.dependsOn ?? {}).filter((target) => Object.hasOwn(nodes, target));
    edges.set(name, targets.sort(byName));
  }
  return edges;
}

/** Every `dependsOn` entry that names no node, sorted by (from, to). */
export function findUnknownTargets(nodes: DependencyNodes): UnknownTarget[] {
  const unknown: UnknownTarget[] = [];
  for (const from of Object.keys(nodes).sort(byName)) {
    for (const to of Object.keys(nodes[from]?.dependsOn ?? {}).sort(byName)) {
      if (!Object.hasOwn(nodes, to)) unknown.push({ from, to });
    }
  }
  return unknown;
}

/** Rotates a closed cycle path so that it starts (and ends) at its smallest name. */
function normalizeCycle(open: readonly string[]): string[] {
  let start = 0;
  open.forEach((name, index) => {
    if (byName(name, open[start] ?? name) < 0) start = index;
  });
  const rotated = [...open.slice(start), ...open.slice(0, start)];
  return [...rotated, rotated[0] ?? ''];
}

/** Every cycle met by a depth-first walk in alphabetical order, each once, sorted by path. */
export function findCycles(nodes: DependencyNodes): string[][] {
  const names = Object.keys(nodes).sort(byName);
  const edges = knownEdges(nodes, names);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found = new Map<string, string[]>();
  const visit = (name: string): void => {
    state.set(name, 'open');
    stack.push(name);
    for (const next of edges.get(name) ?? []) {
      const seen = state.get(next);
      if (seen === 'open') {
        const cycle = normalizeCycle(stack.slice(stack.lastIndexOf(next)));
        found.set(cycle.join('\u0000'), cycle);
      } else if (seen === undefined) {
        visit(next);
      }
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of names) if (!state.has(name)) visit(name);
  return [...found.entries()].sort(([a], [b]) => byName(a, b)).map(([, cycle]) => cycle);
}

/** Start levels (Kahn's algorithm by rounds); nodes on or behind a cycle are left out. */
export function computeStartLevels(nodes: DependencyNodes): string[][] {
  const names = Object.keys(nodes).sort(byName);
  const edges = knownEdges(nodes, names);
  const placed = new Set<string>();
  const levels: string[][] = [];
  for (;;) {
    const level = names.filter((name) => !placed.has(name) && (edges.get(name) ?? []).every((dep) => placed.has(dep)));
    if (level.length === 0) return levels;
    for (const name of level) placed.add(name);
    levels.push(level);
  }
}

/** Builds the graph once; the runtime keeps it for start, stop and cascade decisions. */
export function buildDependencyGraph(nodes: DependencyNodes): DependencyGraph {
  const names = Object.keys(nodes).sort(byName);
  const edges = knownEdges(nodes, names);
  const levels = computeStartLevels(nodes);
  const levelOf = new Map<string, number>();
  levels.forEach((level, index) => level.forEach((name) => levelOf.set(name, index)));
  const reverse = new Map<string, string[]>(names.map((name) => [name, []]));
  for (const [from, targets] of edges) for (const to of targets) reverse.get(to)?.push(from);
  const startOrder = (a: string, b: string): number =>
    (levelOf.get(a) ?? Number.MAX_SAFE_INTEGER) - (levelOf.get(b) ?? Number.MAX_SAFE_INTEGER) || byName(a, b);
  return {
    names,
    unknownTargets: findUnknownTargets(nodes),
    cycles: findCycles(nodes),
    levels,
    shutdownLevels: levels.toReversed(),
    dependenciesOf: (name) => edges.get(name) ?? [],
    dependentsOf: (name) => {
      const seen = new Set<string>();
      const queue = [...(reverse.get(name) ?? [])];
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        if (seen.has(next) || next === name) continue;
        seen.add(next);
        queue.push(...(reverse.get(next) ?? []));
      }
      return [...seen].sort(startOrder);
    },
  };
}

/** "a → b → c → a", the way cycles are printed everywhere. */
export function formatCycle(cycle: readonly string[]): string {
  return cycle.join(' → ');
}
