// What every renderer is given (the planned bundle) and gives back (its part of the result).
import type { BundleManifest } from '../manifest/index.ts';
import type { ExportFile, ExportOptions, ExportWarning, SecretToProvide } from './export-types.ts';
import type { PortNumbers } from './pick-ports.ts';
import type { UsedSecret } from './plan-secrets.ts';
import type { ServicePlan } from './plan-services.ts';

/** The bundle planned for one engine: port numbers, services with templates resolved, secrets in use. */
export interface ExportContext {
  readonly manifest: BundleManifest;
  readonly options: ExportOptions;
  readonly ports: PortNumbers;
  /** Services and tasks by name. */
  readonly plans: readonly ServicePlan[];
  readonly secrets: readonly UsedSecret[];
}

/** A renderer's result: the files, secrets and run commands of its engine, and its warnings. */
export interface RenderedExport {
  readonly files: readonly ExportFile[];
  readonly secrets: readonly SecretToProvide[];
  readonly run: readonly string[];
  readonly warnings: readonly ExportWarning[];
}

/** The plan of service `name` (every dependency is one: the manifest is valid). */
export function planOf(context: ExportContext, name: string): ServicePlan | undefined {
  return context.plans.find((plan) => plan.name === name);
}
