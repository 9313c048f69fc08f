// Berth probes as Kubernetes probes: readiness → readinessProbe plus a startupProbe that allows
// `startTimeout` (a start timeout restarts the container, as Berth counts it a failed run),
// liveness → livenessProbe. Kubernetes counts whole seconds. Pure.
import type { IContainer, IProbe } from 'kubernetes-models/v1';
import { unmappedProbeWarning } from './common-warnings.ts';
import { durationText, wholeSeconds } from './durations.ts';
import type { ExportWarning } from './export-types.ts';
import type { PlannedProbe, ServicePlan } from './plan-services.ts';

/** The probe fields of a container. */
export type ContainerProbes = Pick<IContainer, 'readinessProbe' | 'startupProbe' | 'livenessProbe'>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** The probe's action; undefined for a log probe. The kubelet probes the pod's address unless another host is named. */
function actionOf(probe: PlannedProbe): Pick<IProbe, 'httpGet' | 'tcpSocket' | 'exec'> | undefined {
  const host = (name: string) => (LOOPBACK.has(name) ? {} : { host: name });
  switch (probe.kind) {
    case 'http':
      return { httpGet: { path: probe.urlPath, port: probe.port, ...host(probe.host) } };
    case 'tcp':
      return { tcpSocket: { port: probe.port, ...host(probe.host) } };
    case 'exec':
      return { exec: { command: [...probe.argv] } };
    case 'log':
      return undefined;
  }
}

function roundingWarnings(probe: PlannedProbe): ExportWarning[] {
  return (['interval', 'timeout'] as const).flatMap((field) => {
    const ms = field === 'interval' ? probe.intervalMs : probe.timeoutMs;
    return ms % 1000 === 0 ? [] : [{ path: `${probe.path}.${field}`, message: `Kubernetes counts whole seconds: ${durationText(ms)} becomes ${wholeSeconds(ms)}s` }];
  });
}

/** The probes of a long-lived service's container, and what did not map. */
export function kubernetesProbes(plan: ServicePlan): { readonly probes: ContainerProbes; readonly warnings: ExportWarning[] } {
  const probes: ContainerProbes = {};
  const warnings: ExportWarning[] = [];
  for (const field of ['readiness', 'liveness'] as const) {
    const probe = plan[field];
    if (probe === undefined) continue;
    const action = actionOf(probe);
    if (action === undefined) {
      warnings.push(unmappedProbeWarning(probe, plan.name, 'Kubernetes', field));
      continue;
    }
    warnings.push(...roundingWarnings(probe));
    const periodSeconds = wholeSeconds(probe.intervalMs);
    const timing = { periodSeconds, timeoutSeconds: wholeSeconds(probe.timeoutMs) };
    if (field === 'liveness') {
      probes.livenessProbe = { ...action, ...timing, failureThreshold: probe.failureThreshold };
      continue;
    }
    probes.readinessProbe = { ...action, ...timing, failureThreshold: probe.failureThreshold };
    probes.startupProbe = { ...action, ...timing, failureThreshold: Math.max(1, Math.ceil(probe.startTimeoutMs / (periodSeconds * 1000))) };
  }
  return { probes, warnings };
}
