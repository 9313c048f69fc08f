// Semantic validation of a parsed bundle.json, pure: every problem at once, each with its path.
import type { ManifestProblem } from './problems.ts';
import type { BundleManifest } from './schema.ts';
import { checkDependencies } from './validate-dependencies.ts';
import { checkPorts } from './validate-ports.ts';
import { checkServices } from './validate-services.ts';
import { checkTemplates } from './validate-templates.ts';

/** Every semantic problem of a manifest that already passed the zod schema; [] when it is sound. */
export function validateManifest(manifest: BundleManifest): ManifestProblem[] {
  return [...checkDependencies(manifest), ...checkServices(manifest), ...checkPorts(manifest), ...checkTemplates(manifest)];
}
