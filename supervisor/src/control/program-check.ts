// Does each service's program resolve the way spawn would find it (PATH, `${node}`, relative to
// its cwd)? Shared by `berth validate` (offline, exit 2 listing every miss by JSON path) and the
// live pre-flight (GET /validate), so a missing program is found before a start, not by it.
import type { ManifestProblem } from '../manifest/index.ts';
import type { BundleManifest, ServiceSpec } from '../manifest/schema.ts';
import { findExecutable } from './preflight-checks.ts';

/** The program and cwd a service would run with (templates resolved, this OS's override applied). */
export type ResolveCommand = (service: string, spec: ServiceSpec) => { file: string; cwd: string };

/** One program that will not run: where it is written, what it is, and where it was looked for. */
export interface MissingProgram extends ManifestProblem {
  readonly service: string;
  readonly file: string;
  readonly cwd: string;
  /** A bare name looked up on PATH (else a path, relative to cwd). */
  readonly bare: boolean;
}

/** Where a service's argv is written for this OS: its platform override, else `command`. */
export function commandPath(name: string, spec: ServiceSpec, platform: NodeJS.Platform = process.platform): string {
  const override = platform === 'darwin' || platform === 'win32' || platform === 'linux' ? spec.platforms?.[platform] : undefined;
  return override?.command === undefined ? `services.${name}.command[0]` : `services.${name}.platforms.${platform}.command[0]`;
}

/** Every service whose program does not resolve, in bundle order. */
export async function findMissingPrograms(manifest: BundleManifest, resolveCommand: ResolveCommand, env: Readonly<Record<string, string | undefined>> = process.env): Promise<MissingProgram[]> {
  const checked = await Promise.all(
    Object.entries(manifest.services).map(async ([name, spec]): Promise<MissingProgram | null> => {
      const { file, cwd } = resolveCommand(name, spec);
      if ((await findExecutable(file, cwd, env)) !== null) return null;
      const bare = !file.includes('/') && !file.includes('\\');
      const where = bare ? 'was not found on PATH' : `does not exist or is not executable (relative paths start at ${cwd})`;
      return { path: commandPath(name, spec), message: `program "${file}" ${where}`, service: name, file, cwd, bare };
    }),
  );
  return checked.filter((missing): missing is MissingProgram => missing !== null);
}
