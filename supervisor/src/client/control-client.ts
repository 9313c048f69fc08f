// The CLI's client of the control API: bearer token from control.json, fetch, replies checked
// with the contract's zod schemas, API errors turned back into BerthErrors with their codes (so
// the CLI's exit code follows: SERVICE_UNKNOWN → 2).
import type { z } from 'zod';
import {
  ErrorBody,
  HealthResponse,
  LogTailResponse,
  ROUTES,
  RunsResponse,
  SecretsResponse,
  ServiceActionResponse,
  ShutdownResponse,
  StatusResponse,
  ValidateResponse,
  type ControlFile,
  type ServiceAction,
} from '../control/contract.ts';
import { BerthError, type BerthErrorCode } from '../errors.ts';

/** Codes the API answers with that the CLI maps to exit codes; others become CONTROL_REQUEST_FAILED. */
const API_CODES: ReadonlySet<string> = new Set<BerthErrorCode>([
  'BAD_REQUEST', 'SECRET_INVALID', 'SECRET_MISSING', 'CONFIG_INVALID', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'SERVICE_UNKNOWN',
  'METHOD_NOT_ALLOWED', 'TRANSITION_INVALID', 'PAYLOAD_TOO_LARGE', 'INTERNAL', 'SPAWN_FAILED', 'PORT_IN_USE',
]);

/** Talks to one running supervisor. */
export class ControlClient {
  readonly url: string;
  readonly token: string;
  private readonly fetchFn: typeof fetch;

  constructor(control: Pick<ControlFile, 'url' | 'token'>, fetchFn: typeof fetch = globalThis.fetch) {
    this.url = control.url.replace(/\/$/, '');
    this.token = control.token;
    this.fetchFn = fetchFn;
  }

  /** GET /healthz */
  health() { return this.request(HealthResponse, 'GET', ROUTES.healthz.path); }
  /** GET /status */
  status() { return this.request(StatusResponse, 'GET', ROUTES.status.path); }
  /** GET /logs/tail (all services when `service` is null). */
  tailLogs(service: string | null, lines: number) {
    const query = new URLSearchParams({ lines: String(lines), ...(service === null ? {} : { service }) });
    return this.request(LogTailResponse, 'GET', `${ROUTES.logsTail.path}?${query.toString()}`);
  }
  /** GET /services/:name/runs */
  runs(service: string) { return this.request(RunsResponse, 'GET', ROUTES.runs.path.replace(':name', encodeURIComponent(service))); }
  /** POST /services/:name/:action */
  serviceAction(service: string, action: ServiceAction) {
    return this.request(ServiceActionResponse, 'POST', ROUTES.serviceAction.path.replace(':name', encodeURIComponent(service)).replace(':action', action));
  }
  /** POST /secrets */
  submitSecrets(values: Record<string, string>) { return this.request(SecretsResponse, 'POST', ROUTES.secrets.path, values); }
  /** GET /validate */
  validate() { return this.request(ValidateResponse, 'GET', ROUTES.validate.path); }
  /** POST /shutdown (202) */
  shutdown() { return this.request(ShutdownResponse, 'POST', ROUTES.shutdown.path); }

  /** Headers of every request (also used for /events). */
  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, accept: 'application/json', ...extra };
  }

  private async request<T>(schema: z.ZodType<T>, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchFn(`${this.url}${path}`, {
        method,
        headers: this.headers(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      throw new BerthError('SUPERVISOR_NOT_RUNNING', `No supervisor answers at ${this.url}; it may have exited.`, { cause });
    }
    const text = await response.text();
    const payload = parseJson(text);
    const parsed = schema.safeParse(payload);
    if (parsed.success && response.ok) return parsed.data;
    const error = ErrorBody.safeParse(payload);
    if (error.success) {
      const { code, message } = error.data.error;
      throw API_CODES.has(code) ? new BerthError(code as BerthErrorCode, message) : new BerthError('CONTROL_REQUEST_FAILED', `${code}: ${message}`);
    }
    throw new BerthError('CONTROL_REQUEST_FAILED', `Unexpected reply to ${method} ${path} (HTTP ${response.status}).`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
