// RuntimeClient over the control API for the main process: fetch with the bearer token, every
// response checked against the contract's zod schemas, errors as ShellError with the API's code.
import type { z } from 'zod';
import {
  ErrorBody, LogTailResponse, ROUTES, RunsResponse, SecretsResponse, ServiceActionResponse, StatusResponse, ValidateResponse,
  type RuntimeClient,
} from '../../../supervisor/src/control/contract.ts';
import { ShellError, messageOf } from '../../ipc/errors.ts';
import { subscribeEvents } from './event-stream.ts';

/** Where the control API is and how to authenticate. */
export interface HttpClientOptions {
  url: string;
  token: string;
  fetch?: typeof fetch;
  /** Per-request ceiling (not applied to /events). */
  timeoutMs?: number;
}

/** Builds the HTTP RuntimeClient. */
export function createHttpRuntimeClient(options: HttpClientOptions): RuntimeClient {
  const fetchImpl = options.fetch ?? fetch;
  const base = options.url.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${options.token}` };

  const request = async <S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S | null, body?: unknown): Promise<z.infer<S>> => {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new ShellError('CONTROL_REQUEST_FAILED', `${method} ${path} failed: ${messageOf(error)}`, { cause: error });
    }
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      // Handled below.
    }
    if (!response.ok) {
      const parsed = ErrorBody.safeParse(json);
      if (parsed.success) throw new ShellError(parsed.data.error.code, parsed.data.error.message);
      throw new ShellError('CONTROL_REQUEST_FAILED', `${method} ${path} answered HTTP ${response.status}`);
    }
    if (schema === null) return undefined as z.infer<S>;
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ShellError('BAD_RESPONSE', `${method} ${path}: unexpected response (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    return parsed.data;
  };

  const named = (path: string, name: string, action?: string) =>
    path.replace(':name', encodeURIComponent(name)).replace(':action', encodeURIComponent(action ?? ''));

  return {
    status: () => request('GET', ROUTES.status.path, StatusResponse),
    tailLogs: (service, lines) => request('GET', `${ROUTES.logsTail.path}?${new URLSearchParams({ service, lines: String(lines) })}`, LogTailResponse),
    runs: (service) => request('GET', named(ROUTES.runs.path, service), RunsResponse),
    serviceAction: (service, action) => request('POST', named(ROUTES.serviceAction.path, service, action), ServiceActionResponse),
    submitSecrets: (values) => request('POST', ROUTES.secrets.path, SecretsResponse, values),
    validate: () => request('GET', ROUTES.validate.path, ValidateResponse),
    shutdown: async () => {
      await request('POST', ROUTES.shutdown.path, null);
    },
    subscribe: (onEvent, onError) => subscribeEvents({ url: `${base}${ROUTES.events.path}`, headers, fetch: fetchImpl, onEvent, onError }),
  };
}
