// Entry point of the sqlite service: `node sqlite.mjs` with PORT, DB_FILE and DB_TOKEN set.
import { parseEnv, withFileSecrets } from '../../lib/env.ts';
import { createLogger } from '../../lib/log.ts';
import { runMain } from '../../lib/main.ts';
import { serve } from '../../lib/serve.ts';
import { SqliteEnv } from './config.ts';
import { openDatabase } from './database.ts';
import { createSqliteHandler } from './routes.ts';

runMain('sqlite', async () => {
  const config = parseEnv(SqliteEnv, withFileSecrets(['DB_TOKEN']));
  const logger = createLogger('sqlite');
  const db = openDatabase(config.DB_FILE, { busyTimeoutMs: config.BUSY_TIMEOUT_MS, maxRows: config.MAX_ROWS });
  if (db.journalMode !== 'wal') logger.warn('the file system does not support WAL; using another journal mode', { journalMode: db.journalMode });
  try {
    await serve({
      host: config.HOST,
      port: config.PORT,
      logger,
      handler: createSqliteHandler({ db, token: config.DB_TOKEN, maxBodyBytes: config.MAX_BODY_BYTES }),
      onClose: () => db.close(),
    });
  } catch (error) {
    db.close();
    throw error;
  }
});
