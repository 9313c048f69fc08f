// `services.<name>.requiredEnv` (issue 19): before anything starts, every required variable that
// no source gives a service a non-empty value is listed, by JSON path, and the run stops (exit 2).
// A variable counts as given by the bundle's env (this OS's override included), the env files,
// the inherited environment, or a secret the service declares (NAME for "env", NAME_FILE for
// "file"). Names only: a value is never read into a message. Pure.
import { BerthError } from '../errors.ts';
import type { BundleManifest, ServiceSpec } from '../manifest/schema.ts';
import { SERVER_INHERITED, type ServiceEnvironment } from './service-env.ts';

/** The variables a service gets from its own entry: bundle env (with this OS's override) and secret names. */
function ownNames(spec: ServiceSpec, platform: NodeJS.Platform): Record<string, string> {
  const override = platform === 'darwin' || platform === 'win32' || platform === 'linux' ? spec.platforms?.[platform]?.env : undefined;
  const secretNames = Object.fromEntries(Object.entries(spec.secrets).map(([name, mode]) => [mode === 'file' ? `${name}_FILE` : name, 'secret']));
  return { ...spec.env, ...override, ...secretNames };
}

/** One line per required variable that has no non-empty value, in service then name order. */
export function findMissingEnv(manifest: BundleManifest, env: ServiceEnvironment, platform: NodeJS.Platform = process.platform): string[] {
  const problems: string[] = [];
  for (const [service, spec] of Object.entries(manifest.services)) {
    const own = ownNames(spec, platform);
    for (const name of spec.requiredEnv) {
      const value = env.overrides[name] ?? own[name] ?? env.inherited[name];
      if (value !== undefined && value !== '') continue;
      const why = value === undefined ? 'is not set' : 'is empty';
      const hint = env.withheld.has(name) ? `; the supervisor's own environment has it, but the server profile passes on only ${SERVER_INHERITED.join(', ')} and LC_*: add --inherit-env ${name}` : '';
      problems.push(`services.${service}.requiredEnv: ${name} ${why} (looked in: ${env.lookedIn(name).join(', ')})${hint}`);
    }
  }
  return problems;
}

/** Throws ENV_MISSING (exit 2) listing every missing required variable of every service. */
export function requireEnv(manifest: BundleManifest, env: ServiceEnvironment, platform: NodeJS.Platform = process.platform): void {
  const problems = findMissingEnv(manifest, env, platform);
  if (problems.length === 0) return;
  throw new BerthError('ENV_MISSING', `${problems.length} required environment variable${problems.length === 1 ? ' is' : 's are'} missing; nothing was started`, { details: problems });
}
