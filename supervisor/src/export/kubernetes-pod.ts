// The pod of one service or task, with dependency order as init containers. Kubernetes orders
// containers only inside a pod, so: a dependency on a long-lived service (started or ready) is an
// init container that waits until that service's Service accepts a connection (a Service routes
// only to ready pods, so this is its readiness, checked with no API access); a dependency on a
// task ("completed") is the task itself as an init container, after its own waits. Pure.
import type { IContainer, IPodSpec, IVolume } from 'kubernetes-models/v1';
import { formatPath } from '../manifest/index.ts';
import { wholeSeconds } from './durations.ts';
import { planOf, type ExportContext } from './export-context.ts';
import type { ExportWarning } from './export-types.ts';
import { containerOf, type KubernetesNames, type PlannedContainer } from './kubernetes-container.ts';
import { probeScript } from './probe-scripts.ts';
import type { ServicePlan } from './plan-services.ts';
import { NODE_IMAGE } from './target-values.ts';
import { sortedBy } from './sort-by.ts';

/** What runs before a container: waits for services and tasks to run to completion, in order. */
type InitStep = { readonly kind: 'wait'; readonly plan: ServicePlan } | { readonly kind: 'task'; readonly plan: ServicePlan };

/** The init steps of `plan`'s pod, depth first in dependency-name order, each once. */
export function initSteps(context: ExportContext, plan: ServicePlan): { readonly steps: readonly InitStep[]; readonly warnings: readonly ExportWarning[] } {
  const steps: InitStep[] = [];
  const warnings: ExportWarning[] = [];
  const seen = new Set<string>();
  const visit = (dependent: ServicePlan): void => {
    for (const target of Object.keys(dependent.spec.dependsOn).sort()) {
      const condition = dependent.spec.dependsOn[target];
      const dependency = planOf(context, target);
      if (dependency === undefined || condition === undefined) continue;
      const path = formatPath(['services', dependent.name, 'dependsOn', target]);
      if (condition === 'completed') {
        visit(dependency);
        if (!seen.has(`task:${target}`)) steps.push({ kind: 'task', plan: dependency });
        seen.add(`task:${target}`);
      } else if (dependency.spec.kind === 'task' || dependency.ports.length === 0) {
        const why = dependency.spec.kind === 'task' ? 'a task has no address' : `${target} declares no port`;
        warnings.push({ path, message: `Kubernetes can wait for another pod only through its address, and ${why}: ${dependent.name} does not wait for ${target}` });
      } else {
        if (condition === 'started') warnings.push({ path, message: `Kubernetes has no "started" across pods: ${dependent.name} waits until ${target}'s Service accepts connections, that is until ${target} is ready` });
        if (!seen.has(`wait:${target}`)) steps.push({ kind: 'wait', plan: dependency });
        seen.add(`wait:${target}`);
      }
    }
  };
  visit(plan);
  return { steps, warnings };
}

/** A container that waits until the Service of `target` accepts a connection on its first port. */
function waitContainer(target: ServicePlan, k8s: KubernetesNames): IContainer {
  const host = k8s.names[target.name] ?? target.name;
  const port = target.ports[0]?.[1] ?? 0;
  const script = probeScript({ kind: 'tcp', host, port }, { timeoutMs: 1000, retryMs: 1000, banner: `waiting for ${target.name} to be ready (${host}:${port})` });
  return { name: `wait-for-${host}`.slice(0, 63).replace(/-+$/, ''), image: NODE_IMAGE, command: ['node', '-e', script] };
}

/** The pod spec of `plan`: init containers, its container, volumes; a Job's pod never restarts. */
export function podSpecOf(context: ExportContext, plan: ServicePlan, k8s: KubernetesNames, main: PlannedContainer): { readonly spec: IPodSpec; readonly warnings: readonly ExportWarning[] } {
  const { steps, warnings } = initSteps(context, plan);
  const volumes = new Map<string, IVolume>();
  const initContainers = steps.map((step) => {
    if (step.kind === 'wait') return waitContainer(step.plan, k8s);
    const task = containerOf(step.plan, k8s);
    for (const volume of task.volumes) volumes.set(volume.name, volume);
    return task.container;
  });
  for (const volume of main.volumes) volumes.set(volume.name, volume);
  const spec: IPodSpec = {
    containers: [main.container],
    // Berth gives a service only the environment it declares: no Docker-link variables for every Service.
    enableServiceLinks: false,
    terminationGracePeriodSeconds: wholeSeconds(plan.spec.shutdown.timeout, 0),
  };
  if (initContainers.length > 0) spec.initContainers = initContainers;
  if (plan.spec.kind === 'task') spec.restartPolicy = 'Never';
  if (volumes.size > 0) spec.volumes = sortedBy(volumes.values(), (volume) => volume.name);
  return { spec, warnings };
}
