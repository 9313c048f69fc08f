// `berth logs [service] [-f] [-n N] [--json]`: the last N lines (redacted by the supervisor),
// prefixed with the service when showing all; -f keeps following over /events. --json prints
// one LogLine object per line (NDJSON), also while following.
import type { Command } from 'commander';
import type { LogLine } from '../../control/contract.ts';
import { BerthError } from '../../errors.ts';
import { addClientOptions, printJson, printLine, runClientCommand } from '../client-command.ts';

/** -f and -n, checked with zod (imported when the verb runs). */
async function logsOptionsSchema() {
  const { z } = await import('zod');
  return z.object({ follow: z.boolean().default(false), lines: z.coerce.number().int().min(0).max(10_000).default(100) });
}

/** Registers `berth logs`. */
export function registerLogsCommand(program: Command): void {
  addClientOptions(program.command('logs [service]').description("show services' recent output (all services when none is named)"))
    .option('-f, --follow', 'keep printing new lines until the supervisor stops (Ctrl-C to quit)')
    .option('-n, --lines <count>', 'how many recent lines to show first', '100')
    .action((service: string | undefined, raw: unknown) =>
      runClientCommand(raw, async (client, { json }) => {
        const parsed = (await logsOptionsSchema()).safeParse(raw);
        if (!parsed.success) throw new BerthError('CONFIG_INVALID', '--lines must be a whole number from 0 to 10000.');
        const print = (line: LogLine) => {
          if (json === true) printJson(line);
          else printLine(service === undefined ? `${line.service} | ${line.line}` : line.line);
        };
        if (parsed.data.follow) return (await import('../follow-logs.ts')).followLogs(client, service ?? null, parsed.data.lines, print);
        if (parsed.data.lines === 0) return;
        for (const line of (await client.tailLogs(service ?? null, parsed.data.lines)).lines) print(line);
      }),
    );
}
