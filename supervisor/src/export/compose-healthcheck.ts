// A compose service has one healthcheck, and docker never restarts an unhealthy container: the
// readiness probe becomes the healthcheck (what `service_healthy` waits for), else the liveness
// probe only reports health. http and tcp checks run as `node -e` inside the service's own
// container, so they need a `${node}` service; exec probes run as they are. Pure.
import { durationText } from './durations.ts';
import type { ExportWarning } from './export-types.ts';
import type { PlannedProbe, ServicePlan } from './plan-services.ts';
import { unmappedProbeWarning } from './common-warnings.ts';
import { probeScript } from './probe-scripts.ts';

/** The compose `healthcheck` block. */
export interface ComposeHealthcheck {
  readonly test: readonly string[];
  readonly interval: string;
  readonly timeout: string;
  readonly retries: number;
  readonly start_period: string;
}

/** The healthcheck of a service, whether it is its readiness (so dependents may wait for it), and warnings. */
export interface PlannedHealthcheck {
  readonly healthcheck?: ComposeHealthcheck;
  readonly fromReadiness: boolean;
  readonly warnings: readonly ExportWarning[];
}

/** The `test` of a probe, or a warning saying why it has none. */
function testOf(plan: ServicePlan, probe: PlannedProbe, field: 'readiness' | 'liveness'): string[] | ExportWarning {
  switch (probe.kind) {
    case 'exec':
      return ['CMD', ...probe.argv];
    case 'log':
      return unmappedProbeWarning(probe, plan.name, 'compose', field);
    case 'http':
    case 'tcp': {
      if (!plan.runsNode) {
        const consequence = field === 'readiness' ? `${plan.name} counts as started` : 'it is left out';
        return { path: probe.path, message: `compose runs health checks inside the service's image, which may have nothing to make ${probe.kind} requests with: use an exec probe (curl, pg_isready…); ${consequence}` };
      }
      const check = probe.kind === 'http' ? { kind: 'http' as const, url: `http://${probe.host}:${probe.port}${probe.urlPath}` } : { kind: 'tcp' as const, host: probe.host, port: probe.port };
      return ['CMD', plan.launch.file, '-e', probeScript(check, { timeoutMs: probe.timeoutMs })];
    }
  }
}

function healthcheckOf(probe: PlannedProbe, test: readonly string[]): ComposeHealthcheck {
  return { test, interval: durationText(probe.intervalMs), timeout: durationText(probe.timeoutMs), retries: probe.failureThreshold, start_period: durationText(probe.startTimeoutMs) };
}

/** Readiness first; liveness becomes the healthcheck only when readiness cannot. */
export function planHealthcheck(plan: ServicePlan): PlannedHealthcheck {
  const warnings: ExportWarning[] = [];
  const readiness = plan.readiness === undefined ? undefined : testOf(plan, plan.readiness, 'readiness');
  if (readiness !== undefined && !Array.isArray(readiness)) warnings.push(readiness);
  const liveness = plan.liveness === undefined ? undefined : testOf(plan, plan.liveness, 'liveness');
  if (liveness !== undefined && !Array.isArray(liveness)) warnings.push(liveness);
  if (plan.readiness !== undefined && Array.isArray(readiness)) {
    if (plan.liveness !== undefined && Array.isArray(liveness)) {
      warnings.push({ path: plan.liveness.path, message: 'docker does not restart an unhealthy container, and a compose service has one healthcheck (the readiness probe); left out' });
    }
    return { healthcheck: healthcheckOf(plan.readiness, readiness), fromReadiness: true, warnings };
  }
  if (plan.liveness !== undefined && Array.isArray(liveness)) {
    warnings.push({ path: plan.liveness.path, message: 'docker does not restart an unhealthy container: the probe is the healthcheck, which only reports health' });
    return { healthcheck: healthcheckOf(plan.liveness, liveness), fromReadiness: false, warnings };
  }
  return { fromReadiness: false, warnings };
}
