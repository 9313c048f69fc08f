// The notes API's configuration, read once from the environment.
import { z } from 'zod';
import { BaseUrlEnv, HostEnv, PortEnv, TokenEnv } from '../../lib/env.ts';

/** Environment of the notes API. */
export const ApiEnv = z.object({
  PORT: PortEnv,
  HOST: HostEnv,
  /** Base URL of the sqlite service. */
  DB_URL: BaseUrlEnv,
  DB_TOKEN: TokenEnv,
  MAX_BODY_BYTES: z.coerce.number().int().min(1_024).default(256 * 1024),
});
export type ApiConfig = z.output<typeof ApiEnv>;
