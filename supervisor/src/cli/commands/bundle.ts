// `berth bundle install|list|use|rollback|remove` and `berth uninstall` (DESIGN §8, §10). The
// actions are in ../bundle-actions.ts, imported when one runs.
import type { Command } from 'commander';
import { reportError } from '../report-error.ts';
import type * as BundleActions from '../bundle-actions.ts';
import type { BundleFlags } from '../bundle-actions.ts';

type Actions = typeof BundleActions;

/** Runs an action and sets the exit code (errors through reportError: 2 for bad input, else 1). */
function run(act: (actions: Actions) => Promise<number>): () => Promise<void> {
  return async () => {
    try {
      process.exitCode = await act(await import('../bundle-actions.ts'));
    } catch (error) {
      process.exitCode = reportError(error);
    }
  };
}

function withLocation(command: Command): Command {
  return command
    .option('-s, --state-dir <dir>', "state dir (default: $BERTH_STATE_DIR, else the app's default)")
    .option('-b, --bundle <file>', 'bundle whose default state dir to use (default: $BERTH_BUNDLE, else ./bundle.json)')
    .option('--json', 'print JSON');
}

/** Registers `berth bundle …` and `berth uninstall`. */
export function registerBundleCommands(program: Command): void {
  const bundle = program.command('bundle').description('install bundle versions and switch between them (a running supervisor hands off)');
  const install = withLocation(bundle.command('install <source>').description('install a bundle folder or .tgz as bundles/<app.version>/ and make it current'))
    .option('--no-activate', 'install only; do not switch to it');
  install.action((source: string, options: BundleFlags & { activate: boolean }) => run((actions) => actions.installAction(source, options))());
  withLocation(bundle.command('list').description('installed versions: current, previous and known-good marked')).action((options: BundleFlags) => run((actions) => actions.listAction(options))());
  withLocation(bundle.command('use <version>').description('switch to an installed version (a hand-off when a supervisor runs)')).action((version: string, options: BundleFlags) => run((actions) => actions.useAction(version, options))());
  withLocation(bundle.command('rollback').description('switch back to the previous version')).action((options: BundleFlags) => run((actions) => actions.rollbackAction(options))());
  withLocation(bundle.command('remove <version>').description('remove an installed version (never the current or known-good one)')).action((version: string, options: BundleFlags) => run((actions) => actions.removeAction(version, options))());
  withLocation(program.command('uninstall').description('remove every installed version and the state dir (refused while a supervisor runs)'))
    .option('--yes', 'really do it')
    .option('--keep-data', 'keep data/, its backups and secrets/')
    .action((options: BundleFlags & { yes?: boolean; keepData?: boolean }) => run((actions) => actions.uninstallAction({ ...options, yes: options.yes === true, keepData: options.keepData === true }))());
}
