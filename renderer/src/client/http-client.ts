// RuntimeClient over the control API, same origin as the page: the supervisor serves the
// dashboard at `/` and authenticates the browser with an HttpOnly SameSite=Strict cookie, so no
// token ever lives in this code. Replies are checked against the contract's zod schemas.
import type { z } from 'zod';
import {
  ErrorBody,
  LogTailResponse,
  ROUTES,
  RunsResponse,
  SecretsResponse,
  ServiceActionResponse,
  ShutdownResponse,
  StatusResponse,
  ValidateResponse,
  type RuntimeClient,
  type SecretsRequest,
  type ServiceAction,
} from '../../../supervisor/src/control/contract.ts';
import { BAD_RESPONSE, ClientError, UNREACHABLE } from './client-error.ts';
import { subscribeEventSource } from './event-source.ts';

/** Options of the HTTP client; `baseUrl` defaults to the page's own origin. */
export interface HttpClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  createEventSource?: (url: string) => EventSource;
}

/** Builds a RuntimeClient that talks to the control API with fetch and EventSource. */
export function createHttpClient(options: HttpClientOptions = {}): RuntimeClient {
  const base = options.baseUrl ?? globalThis.location.origin;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const createEventSource = options.createEventSource ?? ((url: string) => new EventSource(url));
  const url = (path: string) => new URL(path, base).toString();

  async function request<T>(schema: z.ZodType<T>, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(url(path), {
        method,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ClientError(UNREACHABLE, `No answer from ${new URL(base).host}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    const payload = await readJson(response);
    const parsed = schema.safeParse(payload);
    // A non-2xx reply that still is the expected shape (GET /validate with problems) is an answer.
    if (!response.ok && !parsed.success) throw errorFromReply(response.status, payload);
    if (!parsed.success) throw new ClientError(BAD_RESPONSE, `Unexpected reply from ${method} ${path}.`, { status: response.status, cause: parsed.error });
    return parsed.data;
  }

  return {
    status: () => request(StatusResponse, 'GET', ROUTES.status.path),
    subscribe: (onEvent, onError) => subscribeEventSource((lastEventId) => createEventSource(url(eventsPath(lastEventId))), onEvent, onError),
    tailLogs: (service, lines) => request(LogTailResponse, 'GET', `${ROUTES.logsTail.path}?${new URLSearchParams({ service, lines: String(lines) }).toString()}`),
    runs: (service) => request(RunsResponse, 'GET', ROUTES.runs.path.replace(':name', encodeURIComponent(service))),
    serviceAction: (service: string, action: ServiceAction) =>
      request(ServiceActionResponse, 'POST', ROUTES.serviceAction.path.replace(':name', encodeURIComponent(service)).replace(':action', action)),
    submitSecrets: (values: SecretsRequest) => request(SecretsResponse, 'POST', ROUTES.secrets.path, values),
    validate: () => request(ValidateResponse, 'GET', ROUTES.validate.path),
    shutdown: async () => {
      await request(ShutdownResponse, 'POST', ROUTES.shutdown.path);
    },
  };
}

/** /events, resuming after `lastEventId` when a new EventSource replaces one that gave up. */
function eventsPath(lastEventId: string | null): string {
  return lastEventId === null ? ROUTES.events.path : `${ROUTES.events.path}?${new URLSearchParams({ lastEventId }).toString()}`;
}

/** Reads a JSON body, or null when there is none or it is not JSON. */
async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Turns a non-2xx reply into a ClientError, keeping the API's code when the body has one. */
function errorFromReply(status: number, payload: unknown): ClientError {
  const body = ErrorBody.safeParse(payload);
  if (body.success) return new ClientError(body.data.error.code, body.data.error.message, { status });
  const code = status === 401 ? 'UNAUTHORIZED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : 'CONTROL_REQUEST_FAILED';
  return new ClientError(code, `The supervisor answered HTTP ${status}.`, { status });
}
