// The notes REST API: GET/POST /api/notes, GET/PUT/PATCH/DELETE /api/notes/:id; /healthz also
// asks the database (503 while it cannot be reached: readiness), /livez only this process.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DbError } from '../../lib/db-client.ts';
import type { DbClient } from '../../lib/db-client.ts';
import { HttpError } from '../../lib/http-error.ts';
import { readJsonBody, sendEmpty, sendJson, validate } from '../../lib/http.ts';
import { routeRequest } from '../../lib/router.ts';
import type { Route } from '../../lib/router.ts';
import type { NotesStore } from './notes-store.ts';
import { CreateNote, ListQuery, NoteId, PatchNote, ReplaceNote } from './schemas.ts';

const noteNotFound = (id: number): HttpError => new HttpError('NOT_FOUND', `there is no note ${id}`);

/** Makes the request handler of the notes API. */
export function createApiHandler(options: { store: NotesStore; db: DbClient; maxBodyBytes: number }) {
  const { store, db, maxBodyBytes } = options;
  const readBody = async (request: IncomingMessage): Promise<unknown> => readJsonBody(request, maxBodyBytes);
  const idOf = (params: Readonly<Record<string, string>>): number => validate(NoteId, params.id, 'id');

  const routes: Route[] = [
    {
      method: 'GET',
      path: '/healthz',
      handler: async ({ response }) => {
        const dbOk = await db.ping(1_000);
        sendJson(response, dbOk ? 200 : 503, { status: dbOk ? 'ok' : 'unavailable', db: dbOk ? 'ok' : 'unreachable' });
      },
    },
    {
      // Liveness without the database: a database outage should not get the API restarted.
      method: 'GET',
      path: '/livez',
      handler: ({ response }) => sendJson(response, 200, { status: 'ok' }),
    },
    {
      method: 'GET',
      path: '/api/notes',
      handler: async ({ response, url }) => {
        const query = validate(ListQuery, Object.fromEntries(url.searchParams), 'query');
        sendJson(response, 200, await store.list(query));
      },
    },
    {
      method: 'POST',
      path: '/api/notes',
      handler: async ({ request, response }) => {
        const note = await store.create(validate(CreateNote, await readBody(request)));
        sendJson(response, 201, note, { location: `/api/notes/${note.id}` });
      },
    },
    {
      method: 'GET',
      path: '/api/notes/:id',
      handler: async ({ response, params }) => {
        const id = idOf(params);
        sendJson(response, 200, (await store.get(id)) ?? throwError(noteNotFound(id)));
      },
    },
    {
      method: 'PUT',
      path: '/api/notes/:id',
      handler: async ({ request, response, params }) => {
        const id = idOf(params);
        const note = await store.update(id, validate(ReplaceNote, await readBody(request)));
        sendJson(response, 200, note ?? throwError(noteNotFound(id)));
      },
    },
    {
      method: 'PATCH',
      path: '/api/notes/:id',
      handler: async ({ request, response, params }) => {
        const id = idOf(params);
        const note = await store.update(id, validate(PatchNote, await readBody(request)));
        sendJson(response, 200, note ?? throwError(noteNotFound(id)));
      },
    },
    {
      method: 'DELETE',
      path: '/api/notes/:id',
      handler: async ({ response, params }) => {
        const id = idOf(params);
        if (!(await store.remove(id))) throw noteNotFound(id);
        sendEmpty(response, 204);
      },
    },
  ];

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const { handler, params } = routeRequest(routes, request.method ?? 'GET', path);
    try {
      await handler({ request, response, url, params });
    } catch (error) {
      // The database's own words (SQL, table names) go to the log, not to the client.
      if (error instanceof DbError && error.code === 'DB_ERROR') throw new HttpError('DB_ERROR', 'the database could not complete the request', { cause: error });
      throw error;
    }
  };
}

const throwError = (error: HttpError): never => {
  throw error;
};
