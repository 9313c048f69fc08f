// Entry point of the migrate task: `node migrate.mjs` with DB_URL and DB_TOKEN set (and
// MIGRATIONS_DIR to use another folder). Exit 0 when the schema is current, 1 when it is not.
import { createDbClient } from '../../lib/db-client.ts';
import { parseEnv, withFileSecrets } from '../../lib/env.ts';
import { createLogger, describeError } from '../../lib/log.ts';
import { runMain } from '../../lib/main.ts';
import { applyMigrations } from './apply.ts';
import { MigrateEnv, defaultMigrationsDir } from './config.ts';
import { loadMigrations } from './migrations.ts';

const waitForDatabase = async (ping: () => Promise<boolean>, waitMs: number): Promise<boolean> => {
  const deadline = Date.now() + waitMs;
  for (let delayMs = 50; ; delayMs = Math.min(delayMs * 2, 1_000)) {
    if (await ping()) return true;
    if (Date.now() + delayMs > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
};

runMain('migrate', async () => {
  const config = parseEnv(MigrateEnv, withFileSecrets(['DB_TOKEN']));
  const logger = createLogger('migrate');
  const dir = config.MIGRATIONS_DIR ?? defaultMigrationsDir();
  const db = createDbClient({ baseUrl: config.DB_URL, token: config.DB_TOKEN, timeoutMs: 60_000 });
  try {
    const migrations = await loadMigrations(dir);
    if (!(await waitForDatabase(() => db.ping(), config.WAIT_MS))) {
      throw new Error(`the database service at ${config.DB_URL} did not answer within ${config.WAIT_MS} ms`);
    }
    const report = await applyMigrations(db, migrations, (entry) => logger.info(`applied ${entry.name}`, entry));
    if (report.unknown.length > 0) {
      logger.warn('the database has migrations this version does not know (was a newer version run here?)', { versions: report.unknown });
    }
    const summary = report.applied.length === 0 ? 'nothing to apply' : `applied ${report.applied.length} migration(s)`;
    logger.info(`${summary}; schema at version ${report.version}`, { applied: report.applied.map((entry) => entry.name), version: report.version });
  } catch (error) {
    logger.error('migration failed; nothing of the failed migration was applied', { error: describeError(error), migrationsDir: dir });
    process.exitCode = 1;
  }
});
