// Semantic validation of a parsed bundle.json, pure: every problem at once, each with its path.
import type { ManifestProblem } from './problems.ts';
import type { BundleManifest } from './schema.ts';
import { checkDependencies } from './validate-dependencies.ts';
import { checkPorts } from './validate-ports.ts';
import { checkServices } from './validate-services.ts';
import { checkTemplates } from './validate-templates.ts';

/** Every semantic problem of a manifest that already passed the zod schema; [] when it is sound. */
export function validateManifest(manifest: BundleManifest): ManifestProblem[] {
  return [...checkDependencies(manifest), ...checkServices(manifest), ...checkPorts(manifest), ...checkTemplates(manifest), ...checkUpdates(manifest)];
}

/** The update feed's credential must be a declared secret (its value never leaves the supervisor). */
function checkUpdates(manifest: BundleManifest): ManifestProblem[] {
  const { secret, feed } = manifest.updates;
  const problems: ManifestProblem[] = [];
  if (secret !== undefined && !Object.hasOwn(manifest.secrets, secret)) problems.push({ path: 'updates.secret', message: `"${secret}" is not declared under "secrets"` });
  if (secret !== undefined && feed === undefined) problems.push({ path: 'updates.secret', message: 'a feed credential needs "updates.feed"' });
  return problems;
}
