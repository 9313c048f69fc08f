// `berth start|stop|restart <service> [--json]`: control one service; unknown service → exit 2,
// a transition that makes no sense (stopping a stopped service) → exit 1.
import type { Command } from 'commander';
import type { ServiceAction } from '../../control/contract.ts';
import { addClientOptions, printJson, printLine, runClientCommand } from '../client-command.ts';

const DESCRIPTIONS: Readonly<Record<ServiceAction, string>> = {
  start: 'start a stopped or failed service',
  stop: 'stop a service (it stays stopped until started)',
  restart: 'stop a service, then start it again',
};

/** Registers `berth start`, `berth stop` and `berth restart`. */
export function registerServiceActionCommands(program: Command): void {
  for (const action of Object.keys(DESCRIPTIONS) as ServiceAction[]) {
    addClientOptions(program.command(`${action} <service>`).description(DESCRIPTIONS[action])).action((service: string, options: unknown) =>
      runClientCommand(options, async (client, { json }) => {
        const reply = await client.serviceAction(service, action);
        if (json === true) printJson(reply);
        else printLine(`${reply.service.name}: ${action} requested, now ${reply.service.state}`);
      }),
    );
  }
}
