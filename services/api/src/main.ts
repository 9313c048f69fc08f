// Entry point of the notes API: `node api.mjs` with PORT, DB_URL and DB_TOKEN set.
import { createDbClient } from '../../lib/db-client.ts';
import { parseEnv, withFileSecrets } from '../../lib/env.ts';
import { createLogger } from '../../lib/log.ts';
import { runMain } from '../../lib/main.ts';
import { serve } from '../../lib/serve.ts';
import { ApiEnv } from './config.ts';
import { createNotesStore } from './notes-store.ts';
import { createApiHandler } from './routes.ts';

runMain('api', async () => {
  const config = parseEnv(ApiEnv, withFileSecrets(['DB_TOKEN']));
  const logger = createLogger('api');
  const db = createDbClient({ baseUrl: config.DB_URL, token: config.DB_TOKEN });
  const handler = createApiHandler({ store: createNotesStore(db), db, maxBodyBytes: config.MAX_BODY_BYTES });
  await serve({
    host: config.HOST,
    port: config.PORT,
    logger,
    handler: async (request, response) => {
      const started = performance.now();
      response.once('finish', () => {
        const path = request.url?.split('?')[0];
        // Probes (readiness every 250 ms, liveness every 5 s) would drown the log; failures still show.
        if ((path === '/healthz' || path === '/livez') && response.statusCode < 400) return;
        logger.info('request', { method: request.method, path, status: response.statusCode, ms: Math.round(performance.now() - started) });
      });
      await handler(request, response);
    },
  });
});
