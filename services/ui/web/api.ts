/// <reference lib="dom" />
// The web app's client of the notes API (through the UI server's /api proxy). Errors keep the
// API's code and message so the page can say what went wrong.

// The API's own types (type-only: nothing of the server is bundled into the page).
import type { Note, NotePage } from '../../api/src/schemas.ts';

export type { Note, NotePage };

/** What the API said when it refused a request (or that it could not be reached). */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly issues: readonly { path: string; message: string }[];

  constructor(status: number, code: string, message: string, issues: readonly { path: string; message: string }[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

const request = async <Result>(method: string, path: string, body?: unknown): Promise<Result> => {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'OFFLINE', 'The Notes server cannot be reached. Check that the app is still running.');
  }
  if (response.status === 204) return undefined as Result;
  const payload = (await response.json().catch(() => undefined)) as
    | { error?: { code?: string; message?: string; issues?: { path: string; message: string }[] } }
    | undefined;
  if (!response.ok) {
    const error = payload?.error;
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? `The server answered ${response.status}.`, error?.issues);
  }
  return payload as Result;
};

/** Lists notes matching `q`, newest edit first. */
export function listNotes(q: string, limit: number, offset: number): Promise<NotePage> {
  const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
  if (q !== '') params.set('q', q);
  return request('GET', `/api/notes?${params.toString()}`);
}

/** Reads one note. */
export function getNote(id: number): Promise<Note> {
  return request('GET', `/api/notes/${id}`);
}

/** Creates a note. */
export function createNote(input: { title: string; body: string }): Promise<Note> {
  return request('POST', '/api/notes', input);
}

/** Replaces a note's title and body. */
export function updateNote(id: number, input: { title: string; body: string }): Promise<Note> {
  return request('PUT', `/api/notes/${id}`, input);
}

/** Deletes a note. */
export function deleteNote(id: number): Promise<void> {
  return request('DELETE', `/api/notes/${id}`);
}
