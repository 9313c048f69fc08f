// The `berth` command line (DESIGN §8): commander program with every verb registered by its own
// file. Exit codes: 0 success, 1 runtime failure, 2 invalid input.
import type { CommanderError } from 'commander';
import { Command } from 'commander';
import { VERSION } from '../version.ts';
import { registerClientCommands } from './register-client-commands.ts';
import { registerBundleCommands } from './commands/bundle.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerGcCommand } from './commands/gc.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerRunCommand } from './commands/run.ts';
import { registerSchemaCommand } from './commands/schema.ts';
import { registerValidateCommand } from './commands/validate.ts';

/** Builds the program; `exitOverride` makes commander's own usage errors exit 2. */
export function createProgram(): Command {
  const program = new Command('berth')
    .description('Run a multi-process application as one: ports, dependency order, health, restarts, secrets, logs.')
    .version(VERSION, '-v, --version')
    .showHelpAfterError()
    .exitOverride((error: CommanderError) => {
      // Help and version are successes; every other commander error is a usage error.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') process.exit(0);
      process.exit(2);
    });
  program.addHelpText(
    'after',
    `
Examples:
  berth run                          run ./bundle.json in this terminal (Ctrl-C stops everything)
  berth run --dashboard              …and print a login URL for the web dashboard
  berth validate --bundle app.json   check a bundle without starting anything
  berth status                       what the running supervisor is doing
  berth logs api -f                  follow one service's output`,
  );
  registerRunCommand(program);
  registerValidateCommand(program);
  registerSchemaCommand(program);
  registerClientCommands(program);
  registerGcCommand(program);
  registerBundleCommands(program);
  registerExportCommand(program);
  registerReportCommand(program);
  return program;
}
