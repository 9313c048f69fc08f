// `berth export <compose|kubernetes|systemd> [--bundle F] -o DIR [--image REF] [--node-path P]
// [--json]`: writes the bundle for another engine (DESIGN §11), then says where, which secret
// files to provide, how to start it, and every point that does not map exactly (one line each, by
// JSON path). Exit 0; 2 for an invalid bundle (as `validate`), bad flags, or a bundle that cannot
// be exported. Its dependencies are imported when it runs, so other verbs do not load them.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { BerthError } from '../../errors.ts';
import { processIo, type CommandIo } from '../command-io.ts';
import { reportError } from '../report-error.ts';

/** The flags and argument of `berth export`, checked with zod (built on first use). */
async function exportInputSchema() {
  const [{ z }, { EXPORT_TARGETS }] = await Promise.all([import('zod'), import('../../export/index.ts')]);
  const Word = z.string().regex(/^\S+$/, { message: 'no spaces' });
  return z.object({
    target: z.enum(EXPORT_TARGETS, { message: `use one of ${EXPORT_TARGETS.join(', ')}` }),
    bundle: z.string().min(1).optional(),
    output: z.string().min(1),
    image: Word.optional(),
    nodePath: Word.optional(),
    json: z.boolean().default(false),
  });
}

/** Runs `berth export` with commander's argument and options; returns the exit code. */
export async function runExportCommand(target: string, rawOptions: object, io: CommandIo): Promise<number> {
  try {
    const [{ resolveRunConfig, requireBundlePath }, { loadManifest }, { exportBundle, writeExport }] = await Promise.all([
      import('../../config/resolve-config.ts'),
      import('../../manifest/index.ts'),
      import('../../export/index.ts'),
    ]);
    const parsed = (await exportInputSchema()).safeParse({ ...rawOptions, target });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const name = String(issue?.path[0] ?? 'options').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
      throw new BerthError('CONFIG_INVALID', `${name === 'target' ? 'target' : `--${name}`}: ${issue?.message ?? 'invalid'}`);
    }
    const input = parsed.data;
    const config = resolveRunConfig({ bundle: input.bundle }, io.env, io.cwd);
    const loaded = await loadManifest(requireBundlePath(config));
    const outDir = resolve(io.cwd, input.output);
    const result = exportBundle(loaded.manifest, { target: input.target, bundleDir: loaded.bundleDir, outDir, image: input.image, nodePath: input.nodePath });
    await writeExport(outDir, result.files);
    if (input.json) {
      io.stdout.write(`${JSON.stringify({ ok: true, target: input.target, outDir, files: result.files.map((file) => file.name), secrets: result.secrets, run: result.run, warnings: result.warnings })}\n`);
      return 0;
    }
    const lines = [`Wrote ${result.files.map((file) => file.name).join(', ')} to ${outDir}`];
    if (result.secrets.length > 0) lines.push('Secret files to provide:', ...result.secrets.map((secret) => `  ${secret.file}${secret.required ? '' : ' (optional)'}`));
    lines.push(`Start it${input.target === 'systemd' ? ' as root' : ''}, in ${outDir}:`, ...result.run.map((command) => `  ${command}`));
    if (result.warnings.length > 0) lines.push(`Not mapped exactly (${result.warnings.length}):`, ...result.warnings.map(({ path, message }) => `${path}: ${message}`));
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    return reportError(error, io.stderr);
  }
}

/** Registers `berth export`. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('write the bundle as a docker compose file, Kubernetes manifests or systemd units')
    .argument('<target>', 'compose, kubernetes or systemd')
    .option('-b, --bundle <file>', 'the bundle (default: $BERTH_BUNDLE, else ./bundle.json)')
    .requiredOption('-o, --output <dir>', 'folder to write the files to (created when missing)')
    .option('--image <ref>', 'image of services without their own "image" (compose, kubernetes)')
    .option('--node-path <path>', 'what ${node} becomes (default: node in a container, /usr/bin/node for systemd)')
    .option('--json', 'print the result as JSON')
    .action(async (target: string, options: object) => {
      process.exitCode = await runExportCommand(target, options, processIo());
    });
}
