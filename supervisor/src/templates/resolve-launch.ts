// What to execute for a service on this OS: platform override first, then templates (DESIGN §4).
import { isAbsolute, join, resolve } from 'node:path';
import { expandTemplate, parseTemplate, type TemplateValues } from '../manifest/index.ts';
import type { BundleManifest, ServiceSpec } from '../manifest/schema.ts';

/** The argv, declared env and cwd of one service, templates resolved. Secrets are added later. */
export interface LaunchSpec {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}

/** Applies `platforms.<os>` then expands templates in command, env and cwd. */
export function resolveLaunch(spec: ServiceSpec, values: TemplateValues, platform: NodeJS.Platform = process.platform): LaunchSpec {
  const override = platform === 'darwin' || platform === 'win32' || platform === 'linux' ? spec.platforms?.[platform] : undefined;
  const command = override?.command ?? spec.command;
  const env = { ...spec.env, ...override?.env };
  const [file = '', ...args] = command.map((part) => expandTemplate(part, values));
  const bundleDir = values.variables.bundleDir;
  const cwdText = spec.cwd === undefined ? bundleDir : expandTemplate(spec.cwd, values);
  return {
    file,
    args,
    env: Object.fromEntries(Object.entries(env).map(([key, value]) => [key, expandTemplate(value, values)])),
    cwd: isAbsolute(cwdText) ? cwdText : resolve(bundleDir, cwdText),
  };
}

/** True when `spec`'s command, env or cwd (on any platform) names a port of `service` (pure). */
export function launchUsesPortsOf(spec: ServiceSpec, service: string): boolean {
  const texts = [spec.command, Object.values(spec.env ?? {}), spec.cwd ?? '', ...Object.values(spec.platforms ?? {}).flatMap((override) => [override?.command ?? [], Object.values(override?.env ?? {})])].flat(2);
  return texts.some((text) => parseTemplate(text).some((part) => part.kind === 'port' && part.service === service));
}

/**
 * Template values for checking a bundle without running it: the real folders (state dir, bundle
 * dir, this runtime as `${node}`) and each port as its fixed number, else 0 (nothing is allocated).
 */
export function offlineTemplateValues(manifest: BundleManifest, bundleDir: string, stateDir: string): TemplateValues {
  const ports = Object.fromEntries(Object.entries(manifest.services).map(([name, spec]) => [name, Object.fromEntries(Object.entries(spec.ports).map(([port, entry]) => [port, entry.fixed ?? 0]))]));
  return { ports, variables: { dataDir: join(stateDir, 'data'), bundleDir, logsDir: join(stateDir, 'logs'), node: process.execPath } };
}
