// The heavy half of a client verb, imported only when one runs: checks the common options with
// zod and connects to the running supervisor through control.json.
import { z } from 'zod';
import { connectToSupervisor, resolveClientStateDir } from '../client/index.ts';
import type { ControlClient } from '../control/client/index.ts';
import { BerthError } from '../errors.ts';

/** Options common to client verbs, checked with zod (commander gives untyped objects). */
export const ClientOptions = z.object({
  stateDir: z.string().min(1).optional(),
  bundle: z.string().min(1).optional(),
  json: z.boolean().optional(),
});
export type ClientOptions = z.infer<typeof ClientOptions>;

/** Parses commander's option object for a client verb (CONFIG_INVALID → exit 2). */
export function parseClientOptions(raw: unknown): ClientOptions {
  const parsed = ClientOptions.safeParse(raw);
  if (!parsed.success) throw new BerthError('CONFIG_INVALID', `Invalid options: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  return parsed.data;
}

/** Connects to the supervisor the options point at (state dir, else the bundle's default). */
export async function connectWithOptions(options: ClientOptions): Promise<ControlClient> {
  return connectToSupervisor(await resolveClientStateDir(options));
}
