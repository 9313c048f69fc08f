// The API endpoints: each parses its input with zod, calls the runtime, and replies with exactly
// the contract's shapes. Errors are thrown as BerthErrors and mapped by http-errors.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { BerthError } from '../errors.ts';
import { readJsonBody } from './body.ts';
import type { LogTailResponse, RunsResponse, SecretsResponse, ServiceActionResponse, ShutdownResponse } from './contract.ts';
import { ApplyUpdateRequest, SecretsRequest, ServiceAction } from './contract-core.ts';
import type { ControlledRuntime } from './controlled-runtime.ts';
import { BASE_HEADERS, sendJson } from './http-errors.ts';
import type { RouteName } from './router.ts';
import { serveEventStream } from './sse.ts';

/** What a handler gets besides the request and response. */
export interface HandlerContext {
  runtime: ControlledRuntime;
  params: Record<string, string>;
  query: URLSearchParams;
  heartbeatMs: number;
  /** Registers an open event stream so close() can end it. */
  trackStream: (close: () => void) => void;
}

type Handler = (req: IncomingMessage, res: ServerResponse, ctx: HandlerContext) => Promise<void> | void;

const TailQuery = z.object({
  service: z.string().min(1).max(200).optional(),
  lines: z.coerce.number().int().min(1).max(10_000).default(100),
});

const ReportQuery = z.object({ lines: z.coerce.number().int().min(1).max(100_000).default(1000) });

/** Parses a zod schema or throws BAD_REQUEST naming the first problem (never echoing values). */
function parseOrBadRequest<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : ` at "${issue.path.join('.')}"`;
  throw new BerthError('BAD_REQUEST', `Invalid ${what}${where}: ${issue?.message ?? 'invalid'}.`);
}

/** One handler per route of the contract. */
export const HANDLERS: Readonly<Record<RouteName, Handler>> = {
  healthz: (_req, res, { runtime }) => sendJson(res, 200, runtime.health()),
  readyz: (_req, res, { runtime }) => {
    const ready = runtime.readiness();
    sendJson(res, ready.ready ? 200 : 503, ready);
  },
  status: (_req, res, { runtime }) => sendJson(res, 200, runtime.status()),
  ports: (_req, res, { runtime }) => sendJson(res, 200, runtime.ports()),
  logsTail: (_req, res, { runtime, query }) => {
    const { service, lines } = parseOrBadRequest(TailQuery, Object.fromEntries(query), 'query');
    const body: LogTailResponse = { lines: runtime.tailLogs(service ?? null, lines) };
    sendJson(res, 200, body);
  },
  events: (req, res, { runtime, query, heartbeatMs, trackStream }) => {
    trackStream(serveEventStream(req, res, { bus: runtime.events, heartbeatMs, query }));
  },
  runs: async (_req, res, { runtime, params }) => {
    const body: RunsResponse = { runs: await runtime.runs(params.name ?? '') };
    sendJson(res, 200, body);
  },
  serviceAction: async (req, res, { runtime, params }) => {
    await readJsonBody(req);
    const action = parseOrBadRequest(ServiceAction, params.action, 'action');
    const body: ServiceActionResponse = { service: await runtime.serviceAction(params.name ?? '', action) };
    sendJson(res, 200, body);
  },
  secrets: async (req, res, { runtime }) => {
    const values = parseOrBadRequest(SecretsRequest, await readJsonBody(req), 'secrets body (expected {"NAME": "value"})');
    if (Object.keys(values).length === 0) throw new BerthError('BAD_REQUEST', 'No secrets given: send {"NAME": "value"}.');
    const body: SecretsResponse = { accepted: await runtime.submitSecrets(values) };
    sendJson(res, 200, body);
  },
  validate: async (_req, res, { runtime }) => sendJson(res, 200, await runtime.validate()),
  updates: async (_req, res, { runtime }) => sendJson(res, 200, await runtime.updates()),
  updatesCheck: async (req, res, { runtime }) => {
    await readJsonBody(req);
    sendJson(res, 200, await runtime.checkUpdates());
  },
  updatesApply: async (req, res, { runtime }) => {
    const { version } = parseOrBadRequest(ApplyUpdateRequest, await readJsonBody(req), 'body (expected {"version": "1.2.3"})');
    sendJson(res, 202, await runtime.applyUpdate(version));
  },
  metrics: async (_req, res, { runtime }) => {
    const { contentType, text } = await runtime.metrics();
    res.writeHead(200, { ...BASE_HEADERS, 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  },
  report: async (_req, res, { runtime, query }) => {
    const { lines } = parseOrBadRequest(ReportQuery, Object.fromEntries(query), 'query');
    const { fileName, bytes } = await runtime.report(lines);
    res.writeHead(200, { ...BASE_HEADERS, 'content-type': 'application/gzip', 'content-disposition': `attachment; filename="${fileName}"`, 'content-length': bytes.length });
    res.end(bytes);
  },
  shutdown: async (req, res, { runtime }) => {
    await readJsonBody(req);
    const body: ShutdownResponse = { accepted: true };
    res.on('finish', () => setImmediate(() => runtime.requestShutdown()));
    sendJson(res, 202, body);
  },
};
