// Semantic checks of `dependsOn`: unknown targets, self-dependencies, cycles, and `completed`
// on something that never completes.
import { buildDependencyGraph, formatCycle } from '../graph/index.ts';
import { didYouMean } from './did-you-mean.ts';
import { formatPath, serviceNamed, type ManifestProblem } from './problems.ts';
import type { BundleManifest } from './schema.ts';

/** Problems in the services' `dependsOn` blocks. */
export function checkDependencies(manifest: BundleManifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const names = Object.keys(manifest.services);
  const graph = buildDependencyGraph(manifest.services);
  for (const { from, to } of graph.unknownTargets) {
    problems.push({ path: formatPath(['services', from, 'dependsOn', to]), message: `unknown service "${to}"${didYouMean(to, names)}` });
  }
  for (const cycle of graph.cycles) {
    const [first, second] = cycle;
    if (first === undefined || second === undefined) continue;
    const message = first === second ? `service "${first}" depends on itself` : `dependency cycle: ${formatCycle(cycle)}`;
    problems.push({ path: formatPath(['services', first, 'dependsOn', second]), message });
  }
  for (const [name, service] of Object.entries(manifest.services)) {
    for (const [target, condition] of Object.entries(service.dependsOn)) {
      const dependency = serviceNamed(manifest.services, target);
      if (condition !== 'completed' || dependency === undefined || dependency.kind === 'task') continue;
      problems.push({
        path: formatPath(['services', name, 'dependsOn', target]),
        message: `"completed" needs a task, but "${target}" is a long-lived service: use "started" or "ready", or give "${target}" "kind": "task"`,
      });
    }
  }
  return problems;
}
