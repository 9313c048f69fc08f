// The sqlite service's HTTP API: GET /healthz (no token; says only ok or not), and with the
// bearer token POST /query, POST /exec and POST /transaction. Everything else is 404/405.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { createBearerCheck, requireBearer } from '../../lib/bearer.ts';
import { readJsonBody, sendJson, validate } from '../../lib/http.ts';
import { routeRequest } from '../../lib/router.ts';
import type { Route } from '../../lib/router.ts';
import type { Database } from './database.ts';
import { checkStatement } from './guard.ts';
import { Params } from './values.ts';

const StatementBody = z.strictObject({
  sql: z.string().min(1).max(100_000),
  params: Params.optional(),
});
const TransactionBody = z.strictObject({
  statements: z
    .array(StatementBody.extend({ rows: z.boolean().optional().meta({ description: 'return the rows instead of the changes' }) }))
    .min(1)
    .max(1_000),
});

/** Makes the request handler of the sqlite service. */
export function createSqliteHandler(options: { db: Database; token: string; maxBodyBytes: number }) {
  const { db, maxBodyBytes } = options;
  const bearer = createBearerCheck(options.token);
  const readStatement = async (request: IncomingMessage) => {
    const body = validate(StatementBody, await readJsonBody(request, maxBodyBytes));
    checkStatement(body.sql);
    return body;
  };

  const routes: Route[] = [
    {
      method: 'GET',
      path: '/healthz',
      handler: ({ response }) => {
        const ok = db.isHealthy();
        sendJson(response, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable' });
      },
    },
    {
      method: 'POST',
      path: '/query',
      handler: async ({ request, response }) => sendJson(response, 200, db.query(await readStatement(request))),
    },
    {
      method: 'POST',
      path: '/exec',
      handler: async ({ request, response }) => sendJson(response, 200, db.exec(await readStatement(request))),
    },
    {
      method: 'POST',
      path: '/transaction',
      handler: async ({ request, response }) => {
        const { statements } = validate(TransactionBody, await readJsonBody(request, maxBodyBytes));
        for (const [index, statement] of statements.entries()) {
          try {
            checkStatement(statement.sql);
          } catch (error) {
            if (error instanceof Error) error.message = `statement ${index}: ${error.message}`;
            throw error;
          }
        }
        sendJson(response, 200, { results: db.transaction(statements) });
      },
    },
  ];

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    // Without the token, every path but /healthz is a 401: nothing about the API is revealed.
    if (url.pathname !== '/healthz') requireBearer(bearer, request);
    const { handler, params } = routeRequest(routes, request.method ?? 'GET', url.pathname);
    await handler({ request, response, url, params });
  };
}
