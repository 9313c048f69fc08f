// The control API's client, one for every layer: a method per route of the contract's table,
// each reply parsed with its zod schema, and the live event subscription. The layer passes the
// transport (fetch, bearer token or same-origin cookie, timeout).
import {
  HealthResponse,
  LogTailResponse,
  ROUTES,
  RunsResponse,
  SecretsResponse,
  ServiceActionResponse,
  ShutdownResponse,
  StatusResponse,
  UpdatesResponse,
  ValidateResponse,
  type RuntimeClient,
  type SecretsRequest,
  type ServiceAction,
  type Unsubscribe,
} from '../contract.ts';
import { requestBytes, type ReceivedFile } from './request-bytes.ts';
import { requestJson } from './request-json.ts';
import { subscribeEvents, type SubscribeOptions, type SubscriptionHandlers } from './subscribe-events.ts';
import { pathOf } from './route-path.ts';
import type { Transport } from './transport.ts';

/** The RuntimeClient over HTTP, plus what only HTTP clients use. */
export interface ControlClient extends RuntimeClient {
  /** GET /healthz: the supervisor's pid, version and uptime. */
  health(): Promise<HealthResponse>;
  /** GET /logs/tail: recent lines of one service, or of all when `service` is null. */
  tailLogs(service: string | null, lines: number): Promise<LogTailResponse>;
  /** GET /events, reconnecting with Last-Event-ID until unsubscribed. */
  subscribe(handlers: SubscriptionHandlers, options?: SubscribeOptions): Unsubscribe;
  /** GET /report: the diagnostic report (.tar.gz bytes, secrets redacted) and its suggested file name. */
  report(lines?: number): Promise<ReceivedFile>;
}

/** Builds the client of the control API reached through `transport`. */
export function createControlClient(transport: Transport): ControlClient {
  return {
    health: () => requestJson(transport, ROUTES.healthz.method, ROUTES.healthz.path, HealthResponse),
    status: () => requestJson(transport, ROUTES.status.method, ROUTES.status.path, StatusResponse),
    tailLogs: (service, lines) => {
      const query = new URLSearchParams({ ...(service === null ? {} : { service }), lines: String(lines) });
      return requestJson(transport, ROUTES.logsTail.method, pathOf(ROUTES.logsTail, {}, query), LogTailResponse);
    },
    runs: (service) => requestJson(transport, ROUTES.runs.method, pathOf(ROUTES.runs, { name: service }), RunsResponse),
    serviceAction: (service: string, action: ServiceAction) =>
      requestJson(transport, ROUTES.serviceAction.method, pathOf(ROUTES.serviceAction, { name: service, action }), ServiceActionResponse),
    submitSecrets: (values: SecretsRequest) => requestJson(transport, ROUTES.secrets.method, ROUTES.secrets.path, SecretsResponse, values),
    validate: () => requestJson(transport, ROUTES.validate.method, ROUTES.validate.path, ValidateResponse),
    shutdown: async () => {
      await requestJson(transport, ROUTES.shutdown.method, ROUTES.shutdown.path, ShutdownResponse);
    },
    updates: () => requestJson(transport, ROUTES.updates.method, ROUTES.updates.path, UpdatesResponse),
    checkUpdates: () => requestJson(transport, ROUTES.updatesCheck.method, ROUTES.updatesCheck.path, UpdatesResponse),
    applyUpdate: (version: string) => requestJson(transport, ROUTES.updatesApply.method, ROUTES.updatesApply.path, UpdatesResponse, { version }),
    subscribe: (handlers, options) => subscribeEvents(transport, handlers, options),
    report: (lines) => requestBytes(transport, ROUTES.report.method, pathOf(ROUTES.report, {}, new URLSearchParams(lines === undefined ? {} : { lines: String(lines) }))),
  };
}
