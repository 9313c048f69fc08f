// Which secrets an export needs and how an operator makes each one. An export never holds a
// value: it names files the operator fills (compose secrets, a Kubernetes Secret made from them,
// systemd credentials). Pure.
import { formatPath, type BundleManifest, type SecretSpec } from '../manifest/index.ts';
import type { ExportWarning, SecretToProvide } from './export-types.ts';

/** A secret some service uses, with the services that get it and how. */
export interface UsedSecret {
  readonly name: string;
  readonly spec: SecretSpec;
  readonly holders: readonly (readonly [service: string, mode: 'env' | 'file'])[];
}

/** Every secret that at least one service lists, by name; holders by service name. */
export function usedSecrets(manifest: BundleManifest): UsedSecret[] {
  const services = Object.keys(manifest.services).sort();
  return Object.keys(manifest.secrets)
    .sort()
    .flatMap((name) => {
      const spec = manifest.secrets[name];
      const holders = services.flatMap((service) => {
        const mode = manifest.services[service]?.secrets[name];
        return mode === undefined ? [] : [[service, mode] as const];
      });
      return spec === undefined || holders.length === 0 ? [] : [{ name, spec, holders }];
    });
}

/** A POSIX shell command writing the secret to `file`; a generated one has Berth's form (base64url, no padding). */
function recipeFor(spec: SecretSpec, file: string): string {
  if (spec.generate !== undefined) return `head -c ${spec.generate} /dev/urandom | basenc --base64url -w0 | tr -d = > ${file}`;
  if (spec.env !== undefined) return `printf %s "$${spec.env}" > ${file}`;
  // A prompted secret is typed by a person, without echo (stty is absent or fails off a terminal).
  const label = (spec.prompt ?? 'value').replaceAll("'", '');
  return `printf '%s: ' '${label}' >&2; stty -echo 2>/dev/null; IFS= read -r value; stty echo 2>/dev/null; printf %s "$value" > ${file}`;
}

/** The secret files to provide, where `fileOf` places each one. */
export function secretsToProvide(secrets: readonly UsedSecret[], fileOf: (name: string) => string): SecretToProvide[] {
  return secrets.map(({ name, spec }) => ({ name, file: fileOf(name), how: recipeFor(spec, fileOf(name)), required: spec.required }));
}

/**
 * Warnings of an engine that gives secrets only as files (compose, systemd): an "env" secret
 * arrives as NAME_FILE, and an optional one must still have a file (empty when it has no value).
 */
export function fileOnlySecretWarnings(secrets: readonly UsedSecret[], label: string, pathOf: (name: string) => string): ExportWarning[] {
  return secrets.flatMap(({ name, spec, holders }) => {
    const path = formatPath(['secrets', name]);
    const asEnv = holders.filter(([, mode]) => mode === 'env').map(([service]) => service);
    const warnings: ExportWarning[] = [];
    if (asEnv.length > 0) {
      warnings.push({ path, message: `${label} has no secret environment variables: ${asEnv.join(', ')} get${asEnv.length === 1 ? 's' : ''} ${name}_FILE=${pathOf(name)} instead of ${name}, so the program must read ${name}_FILE` });
    }
    if (!spec.required) warnings.push({ path, message: `optional, but ${label} needs its file: an empty file stands for no value` });
    return warnings;
  });
}
