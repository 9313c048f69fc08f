// `berth shutdown`: asks the supervisor to stop everything (POST /shutdown, 202), then waits for
// its process to exit unless --no-wait.
import type { Command } from 'commander';
import { BerthError } from '../../errors.ts';
import { addClientOptions, printJson, printLine, runClientCommand } from '../client-command.ts';

/** --no-wait and --timeout, checked with zod (imported when the verb runs). */
async function shutdownOptionsSchema() {
  const { z } = await import('zod');
  return z.object({ wait: z.boolean().default(true), timeout: z.coerce.number().int().min(1).default(60) });
}

/** Registers `berth shutdown`. */
export function registerShutdownCommand(program: Command): void {
  addClientOptions(program.command('shutdown').description('stop every service and the supervisor (waits until it has exited)'))
    .option('--no-wait', 'return once the shutdown has begun')
    .option('--timeout <seconds>', 'how long to wait for the supervisor to exit', '60')
    .action((raw: unknown) =>
      runClientCommand(raw, async (client, { json }) => {
        const { wait, timeout } = (await shutdownOptionsSchema()).parse(raw);
        const { pid } = await client.health();
        await client.shutdown();
        if (!json) printLine(`Shutting down the supervisor (pid ${pid})…`);
        const stopped = wait ? await waitForExit(pid, timeout * 1000) : false;
        if (json) printJson({ accepted: true, pid, stopped });
        else if (stopped) printLine('Stopped.');
        if (wait && !stopped) throw new BerthError('CONTROL_REQUEST_FAILED', `The supervisor (pid ${pid}) is still running after ${timeout} s.`);
      }),
    );
}

/** Polls until `pid` is gone or `timeoutMs` passes. */
async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const { isPidAlive } = await import('../../client/index.ts');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isPidAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isPidAlive(pid);
}
