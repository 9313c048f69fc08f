// The migrate task's configuration, read once from the environment.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BaseUrlEnv, TokenEnv } from '../../lib/env.ts';

/** Where the migrations are when MIGRATIONS_DIR is not set: beside the built file, else in the source tree. */
export function defaultMigrationsDir(): string {
  const candidates = [new URL('./migrate/migrations/', import.meta.url), new URL('../migrations/', import.meta.url)].map((url) => fileURLToPath(url));
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0] ?? '';
}

/** Environment of the migrate task. */
export const MigrateEnv = z.object({
  /** Base URL of the sqlite service, e.g. http://127.0.0.1:47001. */
  DB_URL: BaseUrlEnv,
  DB_TOKEN: TokenEnv,
  /** Folder of NNN-name.sql files. */
  MIGRATIONS_DIR: z.string().min(1).optional(),
  /** How long to wait for the sqlite service to answer before giving up. */
  WAIT_MS: z.coerce.number().int().min(0).default(15_000),
});
export type MigrateConfig = z.output<typeof MigrateEnv>;
