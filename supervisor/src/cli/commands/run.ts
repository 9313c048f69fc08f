// `berth run`: the supervisor itself (see ../run-supervisor.ts, loaded only for this verb).
import type { Command } from 'commander';

/** Registers `berth run`. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('start the bundle and supervise it until stopped')
    .option('-b, --bundle <file>', 'the bundle (default: $BERTH_BUNDLE, else ./bundle.json)')
    .option('-s, --state-dir <dir>', "state directory (default: $BERTH_STATE_DIR, else the OS's app-data folder for app.id)")
    .option('-p, --profile <profile>', 'desktop | headless | server (default: $BERTH_PROFILE, else headless)')
    .option('--control-port <port>', 'control API port (default: from the control range)')
    .option('--dashboard', 'serve the web dashboard and print a one-time login URL')
    .option('--exit-with-parent', 'stop everything when the parent process exits (always on in desktop)')
    .option('--seed-bundle <file>', "install this bundle when it is newer than every installed version (the desktop app's shipped one), then run the current version")
    .action(async (options: Record<string, unknown>) => {
      await (await import('../run-supervisor.ts')).runCommand(options);
      // Timers of finished work must not keep a stopped supervisor alive.
      setTimeout(() => process.exit(), 200).unref();
    });
}
