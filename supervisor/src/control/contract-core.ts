// The part of the control API contract that the supervisor itself uses at run time: the state
// enums, the records and files it writes, the request bodies it validates, the route table and the
// overall-state rule. contract.ts re-exports all of it with the response and event schemas, which
// only clients (CLI verbs, Electron, the dashboard) parse: 35 zod schemas built at every
// supervisor start cost ≈ 11 ms, most of them for nobody. Pure, like contract.ts.
import { z } from 'zod';

/** Service states (DESIGN §5): a closed union, in the order a service usually meets them. */
export const SERVICE_STATES = [
  'pending',
  'waiting-secrets',
  'starting',
  'running',
  'ready',
  'unhealthy',
  'backoff',
  'stopping',
  'stopped',
  'completed',
  'failed',
] as const;
export const ServiceState = z.enum(SERVICE_STATES);
export type ServiceState = z.infer<typeof ServiceState>;

/** The supervisor's overall state, derived from its services (tray icon, /readyz, dashboard). */
export const OverallState = z.enum(['starting', 'ready', 'degraded', 'failed', 'stopping', 'stopped']);
export type OverallState = z.infer<typeof OverallState>;

/** One run of a service, from runs/<service>/<run-id>/run-info.json. */
export const RunRecord = z.object({
  runId: z.string(),
  service: z.string(),
  pid: z.number().int().nullable(),
  pgid: z.number().int().nullable(),
  /** Process start time as the OS reports it, used to never kill a reused pid. */
  processStartTicks: z.string().nullable(),
  supervisorPid: z.number().int(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  status: z.enum(['running', 'exited', 'reaped']),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  reason: z.string().nullable(),
  restartCount: z.number().int(),
  previousRunId: z.string().nullable(),
});
export type RunRecord = z.infer<typeof RunRecord>;

/** POST /secrets body: prompted secret values by name. */
export const SecretsRequest = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().min(1).max(16_384));
export type SecretsRequest = z.infer<typeof SecretsRequest>;

export const ServiceAction = z.enum(['start', 'stop', 'restart']);
export type ServiceAction = z.infer<typeof ServiceAction>;

/** The desktop handshake: the one line the supervisor prints on stdout in the desktop profile. */
export const ControlReady = z.object({ type: z.literal('control-ready'), url: z.string().url(), token: z.string().min(32), pid: z.number().int() });
export type ControlReady = z.infer<typeof ControlReady>;

/** control.json in the state dir (0600), for local CLI clients. */
export const ControlFile = z.object({ url: z.string().url(), token: z.string(), pid: z.number().int(), startedAt: z.string() });
export type ControlFile = z.infer<typeof ControlFile>;

/** Control API routes, one table shared by the server, the clients and the docs. */
export const ROUTES = {
  healthz: { method: 'GET', path: '/healthz' },
  readyz: { method: 'GET', path: '/readyz' },
  status: { method: 'GET', path: '/status' },
  ports: { method: 'GET', path: '/ports' },
  logsTail: { method: 'GET', path: '/logs/tail' },
  events: { method: 'GET', path: '/events' },
  runs: { method: 'GET', path: '/services/:name/runs' },
  serviceAction: { method: 'POST', path: '/services/:name/:action' },
  secrets: { method: 'POST', path: '/secrets' },
  validate: { method: 'GET', path: '/validate' },
  shutdown: { method: 'POST', path: '/shutdown' },
  updates: { method: 'GET', path: '/updates' },
  updatesCheck: { method: 'POST', path: '/updates/check' },
  updatesApply: { method: 'POST', path: '/updates/apply' },
  metrics: { method: 'GET', path: '/metrics' },
  report: { method: 'GET', path: '/report' },
} as const;

/** POST /updates/apply body: the installed version to hand off to. */
export const ApplyUpdateRequest = z.strictObject({ version: z.string().min(1).max(200) });
export type ApplyUpdateRequest = z.infer<typeof ApplyUpdateRequest>;

/** The hand-off between bundle versions (DESIGN §10): draining, switching, or its last failure. */
export const HANDOFF_STATES = ['idle', 'deferred', 'applying', 'failed'] as const;
export type HandoffState = (typeof HANDOFF_STATES)[number];

/** Derives the overall state from the services' states (pure; used by /status, tray, dashboard). */
export function deriveOverallState(states: readonly ServiceState[], supervisorStopping = false): OverallState {
  if (supervisorStopping) return 'stopping';
  if (states.length === 0) return 'starting';
  if (states.every((state) => state === 'stopped')) return 'stopped';
  if (states.some((state) => state === 'failed')) return 'failed';
  const settled = (state: ServiceState) => state === 'ready' || state === 'running' || state === 'completed';
  if (states.every(settled)) return 'ready';
  if (states.some((state) => state === 'unhealthy' || state === 'backoff' || state === 'stopped')) return 'degraded';
  return 'starting';
}

/** The SSE event name of ResyncEvent. */
export const SSE_RESYNC_EVENT = 'resync';
