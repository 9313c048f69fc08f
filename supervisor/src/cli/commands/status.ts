// `berth status [--json]`: what the running supervisor is doing, as a table (or StatusResponse JSON).
import type { Command } from 'commander';
import { addClientOptions, printJson, printLine, runClientCommand } from '../client-command.ts';
import { formatStatus } from '../format-status.ts';

/** Registers `berth status`. */
export function registerStatusCommand(program: Command): void {
  addClientOptions(program.command('status').description('show every service of the running supervisor (like docker compose ps)')).action(
    (options: unknown) =>
      runClientCommand(options, async (client, { json }) => {
        const status = await client.status();
        if (json === true) printJson(status);
        else for (const line of formatStatus(status)) printLine(line);
      }),
  );
}
