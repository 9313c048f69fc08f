// What Kubernetes does differently from Berth, service by service: restarts, stop signals, tasks
// run as init containers, a data claim shared by several pods. Pure.
import { formatPath } from '../manifest/index.ts';
import { durationText } from './durations.ts';
import type { ExportWarning } from './export-types.ts';
import type { ServicePlan } from './plan-services.ts';

/** Restart policy and crash-loop budget of a Deployment's container. */
export function deploymentRestartWarning(plan: ServicePlan): ExportWarning {
  const { policy, maxRestarts, window } = plan.spec.restart;
  const budget = `${maxRestarts} restarts in ${durationText(window)}`;
  const lead = policy === 'always' || policy === 'unless-stopped' ? 'Kubernetes restarts' : `a Deployment restarts its container after every exit (restartPolicy Always), so "${policy}" does not map; it restarts`;
  return { path: formatPath(['services', plan.name, 'restart']), message: `${lead} with back-off (10 s doubling to 5 min) and no crash-loop limit: ${budget} does not map` };
}

/** A stop signal other than SIGTERM: the kubelet sends the image's STOPSIGNAL. */
export function stopSignalWarnings(plan: ServicePlan): ExportWarning[] {
  const { signal } = plan.spec.shutdown;
  if (signal === 'SIGTERM') return [];
  return [{ path: formatPath(['services', plan.name, 'shutdown', 'signal']), message: `Kubernetes stops a container with its image's STOPSIGNAL (SIGTERM unless the image says otherwise): set STOPSIGNAL ${signal} in the image` }];
}

/** A task run as an init container of the pods of `dependents`. */
export function initTaskWarnings(plan: ServicePlan, dependents: readonly string[]): ExportWarning[] {
  const path = formatPath(['services', plan.name]);
  const where = dependents.length === 1 ? `${dependents[0]}'s pod` : `each of the pods of ${dependents.join(', ')} (concurrently: it must be safe to run twice at once)`;
  const warnings: ExportWarning[] = [{ path, message: `runs as an init container of ${where}, before it starts; the kubelet retries a failure with back-off where Berth would leave the task failed` }];
  if (plan.spec.timeout !== undefined) warnings.push({ path: formatPath(['services', plan.name, 'timeout']), message: `an init container has no time limit: ${plan.name} may run longer than ${durationText(plan.spec.timeout)}` });
  return warnings;
}

/** Probes of a task: init containers take none, and a Job's container has no dependents to gate. */
export function taskProbeWarnings(plan: ServicePlan): ExportWarning[] {
  return [plan.readiness, plan.liveness].flatMap((probe) => (probe === undefined ? [] : [{ path: probe.path, message: 'a task runs as a Kubernetes Job or init container, which take no probes here; left out' }]));
}

/** The data claim mounted by several pods (ReadWriteOnce: they must share a node). */
export function sharedClaimWarnings(pods: readonly string[], claimName: string): ExportWarning[] {
  return pods.slice(1).map((pod) => ({ path: formatPath(['services', pod]), message: `shares \${dataDir} (PersistentVolumeClaim ${claimName}, ReadWriteOnce) with ${pods[0]}: the pods must run on one node, or give the claim a ReadWriteMany storage class` }));
}

/** `${logsDir}` is an emptyDir: it outlives a container restart, not the pod. */
export function logsDirWarnings(plan: ServicePlan): ExportWarning[] {
  if (!plan.uses.has('logsDir')) return [];
  return [{ path: formatPath(['services', plan.name]), message: `\${logsDir} is an emptyDir in Kubernetes: it outlives a container restart, not the pod (kubectl logs keeps the output)` }];
}
