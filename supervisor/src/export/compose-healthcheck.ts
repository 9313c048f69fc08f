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
  const mapped = (probe: PlannedProbe | undefined, field: 'readiness' | 'liveness'): ComposeHealthcheck | undefined => {
    if (probe === undefined) return undefined;
    const test = testOf(plan, probe, field);
    if (Array.isArray(test)) return healthcheckOf(probe, test);
    warnings.push(test);
    return undefined;
  };
  const readiness = mapped(plan.readiness, 'readiness');
  const liveness = mapped(plan.liveness, 'liveness');
  if (liveness !== undefined && plan.liveness !== undefined) {
    const fate = readiness === undefined ? ': the probe is the healthcheck, which only reports health' : ', and a compose service has one healthcheck (the readiness probe); left out';
    warnings.push({ path: plan.liveness.path, message: `docker does not restart an unhealthy container${fate}` });
  }
  return readiness === undefined ? { healthcheck: liveness, fromReadiness: false, warnings } : { healthcheck: readiness, fromReadiness: true, warnings };
}
