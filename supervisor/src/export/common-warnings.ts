// Warnings every engine shares: orchestrators keep no first-start/upgrade memory, and none of
// them reads a service's output to decide it is ready. Pure.
import { formatPath } from '../manifest/index.ts';
import type { ExportWarning } from './export-types.ts';
import type { PlannedProbe, ServicePlan } from './plan-services.ts';

/** Tasks limited to first start or upgrade: an orchestrator runs them at every start. */
export function taskWhenWarnings(plans: readonly ServicePlan[], label: string): ExportWarning[] {
  return plans.flatMap(({ name, spec }) => {
    if (spec.kind !== 'task' || spec.when === undefined || spec.when.every((when) => when === 'always')) return [];
    return [{ path: formatPath(['services', name, 'when']), message: `${label} keeps no first-start or upgrade memory: ${name} runs at every start, so it must be idempotent` }];
  });
}

/** A probe kind the engine cannot run: log probes everywhere, plus what the caller names. */
export function unmappedProbeWarning(probe: PlannedProbe, service: string, label: string, field: 'readiness' | 'liveness'): ExportWarning {
  const consequence = field === 'readiness' ? `${service} counts as started` : 'it is left out';
  return { path: probe.path, message: `a ${probe.kind} probe has no ${label} equivalent; ${consequence}` };
}
