// GET /validate and `berth validate`: everything that would stop a start, found before it does —
// manifest warnings, missing or non-executable programs, busy fixed ports (unless one of our own
// services holds them), required secrets without a value, an unwritable state dir. Each problem
// says how to fix it.
import { existsSync } from 'node:fs';
import type { ManifestProblem } from '../manifest/index.ts';
import type { BundleManifest, ServiceSpec } from '../manifest/schema.ts';
import type { PreflightProblem, ValidateResponse } from './contract.ts';
import { isPortFree, stateDirProblem } from './preflight-checks.ts';
import { findMissingPrograms, type ResolveCommand } from './program-check.ts';

/** Inputs of runPreflight. */
export interface PreflightInput {
  manifest: BundleManifest;
  bundleDir: string;
  stateDir: string;
  /** Which required secrets of a service lack a value (SecretStore.missingFor). */
  secrets: { missingFor(spec: Pick<ServiceSpec, 'secrets'>): string[] };
  /** The program and cwd a service would run with (templates, `${node}` = process.execPath, platform overrides). */
  resolveCommand: ResolveCommand;
  /** Problems the manifest validator reported as warnings (already valid when running). */
  manifestWarnings?: readonly ManifestProblem[];
  /** Ports held by our own running services: not "busy". */
  ownPorts?: ReadonlySet<number>;
  env?: Readonly<Record<string, string | undefined>>;
}

/** Runs every pre-flight check; `ok` is false when any problem is an error. */
export async function runPreflight(input: PreflightInput): Promise<ValidateResponse> {
  const problems: PreflightProblem[] = (input.manifestWarnings ?? []).map((warning) => ({
    check: 'manifest',
    severity: 'warning',
    path: warning.path,
    message: warning.message,
    fix: 'Edit bundle.json at this path.',
  }));
  for (const missing of await findMissingPrograms(input.manifest, input.resolveCommand, input.env)) {
    problems.push({
      check: 'binary',
      severity: 'error',
      path: missing.path,
      message: `Program "${missing.file}" of service "${missing.service}" ${missing.bare ? 'was not found on PATH' : 'does not exist or is not executable'}.`,
      fix: missing.bare ? `Install "${missing.file}" or put its folder on PATH, or use an absolute path.` : `Check the path (relative paths start at ${missing.cwd}) and run chmod +x on it.`,
    });
  }
  problems.push(...(await checkFixedPorts(input)));
  problems.push(...checkSecrets(input));
  const reason = existsSync(input.stateDir) ? await stateDirProblem(input.stateDir) : null;
  if (reason !== null) {
    problems.push({ check: 'state-dir', severity: 'error', path: null, message: `The state directory ${input.stateDir} is not writable (${reason}).`, fix: 'Fix its permissions or pass another folder with --state-dir / BERTH_STATE_DIR.' });
  }
  return { ok: problems.every((problem) => problem.severity !== 'error'), problems };
}

async function checkFixedPorts(input: PreflightInput): Promise<PreflightProblem[]> {
  const fixed = Object.entries(input.manifest.services).flatMap(([service, spec]) =>
    Object.entries(spec.ports).flatMap(([portName, port]) => (port.fixed === undefined ? [] : [{ service, portName, port: port.fixed }])),
  );
  const results = await Promise.all(fixed.map(async (item) => ({ ...item, free: input.ownPorts?.has(item.port) === true || (await isPortFree(item.port)) })));
  return results
    .filter((item) => !item.free)
    .map(({ service, portName, port }) => ({
      check: 'port',
      severity: 'error',
      path: `services.${service}.ports.${portName}.fixed`,
      message: `Fixed port ${port} of service "${service}" is already in use on 127.0.0.1.`,
      fix: `Stop the program holding port ${port} (lsof -i :${port}), or remove "fixed" so Berth picks a free port.`,
    }));
}

function checkSecrets(input: PreflightInput): PreflightProblem[] {
  const neededBy = new Map<string, string[]>();
  for (const [service, spec] of Object.entries(input.manifest.services)) {
    for (const name of input.secrets.missingFor(spec)) neededBy.set(name, [...(neededBy.get(name) ?? []), service]);
  }
  return [...neededBy.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, services]) => {
    const spec = input.manifest.secrets[name];
    const fix =
      spec === undefined ? `Declare "${name}" under "secrets" in bundle.json.`
      : spec.env !== undefined ? `Set ${spec.env} in the supervisor's environment.`
      : spec.prompt !== undefined ? `Run "berth secrets set ${name}" (value on stdin) or POST /secrets.`
      : 'Check that the state directory is writable (generated secrets live in secrets/generated/).';
    return { check: 'secret', severity: 'error', path: `secrets.${name}`, message: `Required secret ${name} has no value (needed by ${services.join(', ')}).`, fix };
  });
}
