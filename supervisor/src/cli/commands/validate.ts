// `berth validate`: checks a bundle and says so in one line, or lists every problem by JSON path
// and exits 2. When a supervisor for the bundle is running, it also asks it for the pre-flight
// (GET /validate: binaries, fixed ports, missing secrets, state dir — each with a fix).
// Its dependencies are imported when it runs, so other verbs do not load them.
import type { Command } from 'commander';
import type { ValidateResponse } from '../../control/contract.ts';
import type { LoadedManifest } from '../../manifest/index.ts';
import { isBerthError } from '../../errors.ts';
import { reportError } from '../report-error.ts';

/** The running supervisor's pre-flight for this bundle, or null when none runs. */
async function livePreflight(bundle: string | undefined, stateDir: string | undefined): Promise<ValidateResponse | null> {
  const { connectToSupervisor, resolveClientStateDir, toBerthError } = await import('../../client/index.ts');
  try {
    const client = await connectToSupervisor(await resolveClientStateDir({ bundle, stateDir }));
    return await client.validate();
  } catch (caught) {
    const error = toBerthError(caught);
    if (isBerthError(error, 'SUPERVISOR_NOT_RUNNING')) return null;
    throw error;
  }
}

/** Exit 2 listing, by JSON path, every service whose program would not run (PATH, `${node}`, relative to its cwd). */
async function checkPrograms(loaded: LoadedManifest, stateDir: string | undefined): Promise<void> {
  const [{ findMissingPrograms }, { offlineTemplateValues, resolveLaunch }, { defaultStateDir }, { manifestInvalidError }] = await Promise.all([
    import('../../control/program-check.ts'),
    import('../../templates/resolve-launch.ts'),
    import('../../config/default-state-dir.ts'),
    import('../../manifest/index.ts'),
  ]);
  const values = offlineTemplateValues(loaded.manifest, loaded.bundleDir, stateDir ?? defaultStateDir(loaded.manifest.app.id));
  const missing = await findMissingPrograms(loaded.manifest, (_name, spec) => resolveLaunch(spec, values));
  if (missing.length > 0) throw manifestInvalidError(loaded.path, missing);
}

/** Registers `berth validate`. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check bundle.json (exit 2 when invalid); with a running supervisor, also its pre-flight')
    .option('-b, --bundle <file>', 'the bundle (default: $BERTH_BUNDLE, else ./bundle.json)')
    .option('-s, --state-dir <dir>', 'state dir of a running supervisor to ask for its pre-flight')
    .option('--offline', 'never ask a running supervisor')
    .option('--json', 'print the result as JSON')
    .action(async (options: { bundle?: string; stateDir?: string; offline?: boolean; json?: boolean }) => {
      try {
        const [{ resolveRunConfig, requireBundlePath }, { loadManifest }] = await Promise.all([import('../../config/resolve-config.ts'), import('../../manifest/index.ts')]);
        const config = resolveRunConfig({ bundle: options.bundle }, process.env, process.cwd());
        const loaded = await loadManifest(requireBundlePath(config));
        const { manifest, path } = loaded;
        await checkPrograms(loaded, options.stateDir);
        const services = Object.values(manifest.services);
        const tasks = services.filter((service) => service.kind === 'task').length;
        const preflight = options.offline === true ? null : await livePreflight(config.bundlePath, options.stateDir);
        const ok = preflight?.ok ?? true;
        if (options.json === true) {
          process.stdout.write(`${JSON.stringify({ ok, path, app: manifest.app, services: services.length - tasks, tasks, preflight })}\n`);
        } else {
          process.stdout.write(`${path}: valid — ${manifest.app.name} ${manifest.app.version}, ${services.length - tasks} services, ${tasks} tasks\n`);
          for (const problem of preflight?.problems ?? []) {
            process.stdout.write(`${problem.severity}: ${problem.path === null ? '' : `${problem.path}: `}${problem.message}\n  fix: ${problem.fix}\n`);
          }
        }
        if (!ok) process.exitCode = 1;
      } catch (error) {
        process.exitCode = reportError(error);
      }
    });
}
