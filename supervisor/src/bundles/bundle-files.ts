// "Every file the manifest names exists": a bundle's own files are its commands' paths and every
// argv, env or cwd value written with `${bundleDir}`. Checked at install, before a version can be
// switched to, with this OS's platform overrides applied (a Windows-only .exe need not ship on Linux).
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { LoadedManifest, ManifestProblem } from '../manifest/index.ts';
import type { ServiceSpec } from '../manifest/schema.ts';
import { offlineTemplateValues, resolveLaunch } from '../templates/resolve-launch.ts';

/** One file a service names: where in bundle.json, and the path it resolves to. */
interface NamedFile {
  readonly path: string;
  readonly file: string;
}

function overrideOf(spec: ServiceSpec, platform: NodeJS.Platform): { command?: readonly string[]; env?: Readonly<Record<string, string>> } | undefined {
  return platform === 'darwin' || platform === 'win32' || platform === 'linux' ? spec.platforms?.[platform] : undefined;
}

/** The bundle files one service names (templates resolved against `bundleDir`). */
function namedFiles(name: string, spec: ServiceSpec, loaded: LoadedManifest, stateDir: string, platform: NodeJS.Platform): NamedFile[] {
  const launch = resolveLaunch(spec, offlineTemplateValues(loaded.manifest, loaded.bundleDir, stateDir), platform);
  const override = overrideOf(spec, platform);
  const commandAt = override?.command === undefined ? `services.${name}.command` : `services.${name}.platforms.${platform}.command`;
  const written = override?.command ?? spec.command;
  const files: NamedFile[] = [];
  const [program = '', ...args] = [launch.file, ...launch.args];
  if (written[0]?.includes('${bundleDir}') === true || (!isAbsolute(program) && (program.includes('/') || program.includes('\\')))) {
    files.push({ path: `${commandAt}[0]`, file: resolve(launch.cwd, program) });
  }
  args.forEach((arg, index) => {
    if (written[index + 1]?.includes('${bundleDir}') === true) files.push({ path: `${commandAt}[${index + 1}]`, file: arg });
  });
  const env = { ...spec.env, ...override?.env };
  for (const [key, value] of Object.entries(env)) {
    if (value.includes('${bundleDir}')) files.push({ path: `services.${name}.env.${key}`, file: launch.env[key] ?? '' });
  }
  if (spec.cwd?.includes('${bundleDir}') === true) files.push({ path: `services.${name}.cwd`, file: launch.cwd });
  return files;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Every file the bundle names that is not in it, by JSON path. */
export async function findMissingBundleFiles(loaded: LoadedManifest, stateDir: string, platform: NodeJS.Platform = process.platform): Promise<ManifestProblem[]> {
  const named = Object.entries(loaded.manifest.services).flatMap(([name, spec]) => namedFiles(name, spec, loaded, stateDir, platform));
  const checked = await Promise.all(named.map(async (entry) => ((await exists(entry.file)) ? null : entry)));
  return checked
    .filter((entry): entry is NamedFile => entry !== null)
    .map((entry) => ({ path: entry.path, message: `file "${relative(loaded.bundleDir, entry.file) || entry.file}" is missing from the bundle` }));
}
