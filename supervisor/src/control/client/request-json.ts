// One control-API call: send, read the reply, parse it with the contract's zod schema, and turn
// every way it can go wrong into one ControlClientError (the API's code, else the client's).
import type { z } from 'zod';
import { ErrorBody } from '../contract.ts';
import { BAD_RESPONSE, ControlClientError, TIMEOUT, UNREACHABLE, messageOf } from './client-error.ts';
import { send, type Transport } from './transport.ts';

/** Codes for error statuses whose reply had no error body (a proxy, an older supervisor). */
const CODE_BY_STATUS: Readonly<Record<number, string>> = { 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

/** Sends `method path` (with a JSON body when given) and returns the reply parsed by `schema`. */
export async function requestJson<T>(transport: Transport, method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  const what = `${method} ${path}`;
  const signal = transport.timeoutMs === undefined ? undefined : AbortSignal.timeout(transport.timeoutMs);
  let status: number;
  let text: string;
  try {
    const response = await send(transport, path, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal === undefined ? {} : { signal }),
    });
    status = response.status;
    text = await response.text();
  } catch (cause) {
    throw transportError(what, cause, signal);
  }
  const payload = parseJson(text);
  if (status < 200 || status > 299) {
    // An error status that still carries the expected shape is an answer (GET /readyz's 503).
    const answer = ErrorBody.safeParse(payload).success ? null : schema.safeParse(payload);
    if (answer?.success === true) return answer.data;
    throw errorFromReply(what, status, payload);
  }
  if (payload === undefined) throw new ControlClientError(BAD_RESPONSE, `${what}: the reply is not JSON (HTTP ${status}).`, { status });
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? 'the reply' : `"${issue.path.join('.')}"`;
  throw new ControlClientError(BAD_RESPONSE, `${what}: ${where} does not match the contract (${issue?.message ?? 'invalid'}).`, { status, cause: parsed.error });
}

/** The error for a request that got no (complete) reply: TIMEOUT when our own deadline hit, else UNREACHABLE. */
export function transportError(what: string, cause: unknown, signal?: AbortSignal): ControlClientError {
  if (signal?.aborted === true) return new ControlClientError(TIMEOUT, `${what}: no answer within the time allowed.`, { cause });
  return new ControlClientError(UNREACHABLE, `${what}: no answer from the supervisor (${messageOf(cause)}).`, { cause });
}

/** The error for a reply with an error status, read from the response (the /events reader's case). */
export async function readErrorReply(what: string, response: Response): Promise<ControlClientError> {
  return errorFromReply(what, response.status, parseJson(await response.text().catch(() => '')));
}

/** The error for a reply with an error status: the API's code from its body, else by status. */
function errorFromReply(what: string, status: number, payload: unknown): ControlClientError {
  const error = ErrorBody.safeParse(payload);
  if (error.success) return new ControlClientError(error.data.error.code, error.data.error.message, { status });
  return new ControlClientError(CODE_BY_STATUS[status] ?? BAD_RESPONSE, `${what} answered HTTP ${status} without an error body.`, { status });
}

/** JSON of a body, or undefined when it is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
