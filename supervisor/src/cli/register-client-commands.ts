// Every client verb of the CLI (they talk to a running supervisor through control.json); the
// program calls this once.
import type { Command } from 'commander';
import { registerLogsCommand } from './commands/logs.ts';
import { registerSecretsCommand } from './commands/secrets.ts';
import { registerServiceActionCommands } from './commands/service-action.ts';
import { registerShutdownCommand } from './commands/shutdown.ts';
import { registerStatusCommand } from './commands/status.ts';

/** Registers status, logs, start/stop/restart, shutdown and secrets. */
export function registerClientCommands(program: Command): void {
  registerStatusCommand(program);
  registerLogsCommand(program);
  registerServiceActionCommands(program);
  registerShutdownCommand(program);
  registerSecretsCommand(program);
}
