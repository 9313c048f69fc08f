// Entry point of the UI server: `node ui.mjs` with PORT and API_URL set. Serves the Notes web
// app and proxies /api/* to the API; prints a line containing READY once it listens (the
// bundle's log readiness probe waits for it).
import { parseEnv } from '../../lib/env.ts';
import { HttpError } from '../../lib/http-error.ts';
import { sendJson } from '../../lib/http.ts';
import { createLogger } from '../../lib/log.ts';
import { runMain } from '../../lib/main.ts';
import { serve } from '../../lib/serve.ts';
import { UiEnv } from './config.ts';
import { createApiProxy } from './proxy.ts';
import { checkRequestOrigin } from './request-guard.ts';
import { loadStaticFiles, sendStaticFile } from './static-files.ts';

runMain('ui', async () => {
  const config = parseEnv(UiEnv);
  const logger = createLogger('ui');
  const files = await loadStaticFiles(config.STATIC_DIR);
  const proxy = createApiProxy(config.API_URL);
  await serve({
    host: config.HOST,
    port: config.PORT,
    logger,
    onClose: () => proxy.close(),
    onListening: (url) => process.stdout.write(`READY ${url}\n`),
    handler: async (request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname === '/healthz') {
        sendJson(response, 200, { status: 'ok' });
        return;
      }
      checkRequestOrigin(request, config.ALLOWED_HOSTS);
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
        await proxy(request, response);
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        throw new HttpError('METHOD_NOT_ALLOWED', `${request.method} is not allowed here`, { headers: { allow: 'GET, HEAD' } });
      }
      if (!sendStaticFile(files, url.pathname, request.headers['if-none-match'], response)) {
        throw new HttpError('NOT_FOUND', `no such page: ${url.pathname}`);
      }
    },
  });
});
