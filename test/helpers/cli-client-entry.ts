// A `berth` with only the client verbs, run straight from source by Node's type stripping, so
// the CLI client can be tested as a real process before (and besides) the compiled bundle.
import { Command } from 'commander';
import { registerClientCommands } from '../../supervisor/src/cli/register-client-commands.ts';
import { reportError } from '../../supervisor/src/cli/report-error.ts';

const program = new Command('berth').exitOverride((error) => {
  process.exit(error.code === 'commander.helpDisplayed' || error.code === 'commander.help' ? 0 : 2);
});
registerClientCommands(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error);
}
