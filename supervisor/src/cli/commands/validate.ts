// `berth validate`: checks a bundle offline and says so in one line, or lists every problem by
// JSON path and exits 2.
import type { Command } from 'commander';
import { resolveRunConfig } from '../../config/resolve-config.ts';
import { loadManifest } from '../../manifest/index.ts';
import { reportError } from '../report-error.ts';

/** Registers `berth validate`. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check bundle.json without starting anything (exit 2 when invalid)')
    .option('-b, --bundle <file>', 'the bundle (default: $BERTH_BUNDLE, else ./bundle.json)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { bundle?: string; json?: boolean }) => {
      try {
        const config = resolveRunConfig({ bundle: options.bundle }, process.env, process.cwd());
        const { manifest, path } = await loadManifest(config.bundlePath);
        const services = Object.values(manifest.services);
        const tasks = services.filter((service) => service.kind === 'task').length;
        if (options.json === true) process.stdout.write(`${JSON.stringify({ ok: true, path, app: manifest.app, services: services.length - tasks, tasks })}\n`);
        else process.stdout.write(`${path}: valid — ${manifest.app.name} ${manifest.app.version}, ${services.length - tasks} services, ${tasks} tasks\n`);
      } catch (error) {
        process.exitCode = reportError(error);
      }
    });
}
