// Runs electron-builder (its CLI, as `npm run dist` does) on dist/ with this repo's config. With a
// stand-in Electron (stand-in-electron.ts) it packages `--linux dir` offline: electron-builder
// copies the given electronDist instead of downloading Electron, and `dir` needs no other tool.
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (electron-builder's project dir). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG_FILE = 'electron-builder.config.cjs';

/** What to package. */
export interface PackageRequest {
  /** electron-builder's own arguments (targets and overrides), passed through. */
  builderArgs: readonly string[];
  /** A local Electron distribution (folder) instead of a download. */
  electronDist?: string;
  /** Output folder instead of the config's `release/`. */
  outputDir?: string;
}

/** The electron-builder command line for a request (pure). */
export function electronBuilderArgs(request: PackageRequest): string[] {
  return [
    '--config', CONFIG_FILE,
    ...request.builderArgs,
    ...(request.electronDist === undefined ? [] : [`-c.electronDist=${request.electronDist}`]),
    ...(request.outputDir === undefined ? [] : [`-c.directories.output=${request.outputDir}`]),
  ];
}

/** The arguments of an offline Linux `dir` build on a stand-in Electron (no installer, nothing published). */
export function standInBuilderArgs(extra: readonly string[]): string[] {
  return ['--linux', 'dir', '--publish', 'never', ...extra];
}

/** Runs electron-builder; its output goes to `stdio` (inherit for a person, pipe for tests). */
export async function packageApp(request: PackageRequest, options: { env?: Record<string, string>; stdio?: 'inherit' | 'pipe' } = {}): Promise<void> {
  const bin = path.join(REPO_ROOT, 'node_modules', '.bin', 'electron-builder');
  await execa(bin, electronBuilderArgs(request), { cwd: REPO_ROOT, env: options.env, stdio: options.stdio ?? 'inherit' });
}

/** Where a Linux `dir` build lands: `<output>/linux-unpacked` and its executable (named as electron-builder names it). */
export function linuxUnpacked(outputDir: string): { appOutDir: string; executable: string; resources: string } {
  const config = createRequire(import.meta.url)(path.join(REPO_ROOT, CONFIG_FILE)) as { linux?: { executableName?: string }; executableName?: string };
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string };
  const appOutDir = path.join(outputDir, 'linux-unpacked');
  const name = config.linux?.executableName ?? config.executableName ?? pkg.name.toLowerCase();
  return { appOutDir, executable: path.join(appOutDir, name), resources: path.join(appOutDir, 'resources') };
}
