// The sqlite service's configuration, read once from the environment.
import { z } from 'zod';
import { HostEnv, PortEnv, TokenEnv } from '../../lib/env.ts';

/** Environment of the sqlite service. */
export const SqliteEnv = z.object({
  PORT: PortEnv,
  HOST: HostEnv,
  /** The database file this service owns (the bundle passes `${dataDir}/notes.db`). */
  DB_FILE: z.string().min(1),
  /** Bearer token every endpoint but /healthz requires. */
  DB_TOKEN: TokenEnv,
  /** How long a statement waits for a lock held by another connection. */
  BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  MAX_BODY_BYTES: z.coerce.number().int().min(1_024).default(1024 * 1024),
  /** Largest result a query may return; bigger ones are refused (page with LIMIT). */
  MAX_ROWS: z.coerce.number().int().min(1).default(10_000),
});
export type SqliteConfig = z.output<typeof SqliteEnv>;
