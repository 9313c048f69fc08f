// The control API contract: the only module of the supervisor that electron/ and renderer/
// import. Pure (zod + types, no Node imports), so it runs in the browser, in Electron main and
// in the supervisor alike. Every response of the API and every event on /events is one of these.
// What the supervisor itself uses at run time lives in contract-core.ts (re-exported here), so a
// supervisor start does not build the schemas only clients parse.
import { z } from 'zod';
import { HANDOFF_STATES, OverallState, RunRecord, ServiceState, type SecretsRequest, type ServiceAction } from './contract-core.ts';

export * from './contract-core.ts';

/** How a run of a process ended. */
export const ExitInfo = z.object({
  code: z.number().int().nullable(),
  signal: z.string().nullable(),
  at: z.string(),
});
export type ExitInfo = z.infer<typeof ExitInfo>;

/** One allocated port of a service. */
export const PortInfo = z.object({ port: z.number().int(), protocol: z.enum(['http', 'tcp']), url: z.string().optional() });
export type PortInfo = z.infer<typeof PortInfo>;

/** One dependency whose condition a waiting service needs, and where it stands now. */
export const BlockingDependency = z.object({
  service: z.string(),
  condition: z.enum(['started', 'ready', 'completed']),
  state: ServiceState,
});
export type BlockingDependency = z.infer<typeof BlockingDependency>;

/**
 * Why a service cannot start (or was stopped) now: unmet dependencies — `failed` lists the failed
 * or held-down services below it (directly or through others) that will not come back by
 * themselves — or missing secrets.
 */
export const BlockedBy = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dependencies'), on: z.array(BlockingDependency), failed: z.array(z.object({ service: z.string(), state: ServiceState })) }),
  z.object({ kind: z.literal('secrets'), missing: z.array(z.string()) }),
]);
export type BlockedBy = z.infer<typeof BlockedBy>;

/** Everything /status says about one service. */
export const ServiceStatus = z.object({
  name: z.string(),
  kind: z.enum(['service', 'task']),
  state: ServiceState,
  pid: z.number().int().nullable(),
  ports: z.record(z.string(), PortInfo),
  restarts: z.number().int(),
  lastExit: ExitInfo.nullable(),
  /** ISO time of the last transition into starting. */
  startedAt: z.string().nullable(),
  /** ISO time the service last became ready/running/completed. */
  readyAt: z.string().nullable(),
  /** ms since the current process started, or null when none runs. */
  uptimeMs: z.number().nullable(),
  /** Why the service is in its state (failed, backoff, pending on a dependency, stopped by…). */
  reason: z.string().nullable(),
  /** Why it cannot start now (typed: programs branch on this, never on `reason`). */
  blockedBy: BlockedBy.nullable(),
  /** Dependencies not yet meeting their condition, by name. */
  waitingOn: z.array(z.string()),
  /** Secrets a waiting-secrets service still needs (names only, never values). */
  missingSecrets: z.array(z.string()),
  /** Last output lines (redacted), filled when the service failed. */
  lastLines: z.array(z.string()),
  dependsOn: z.record(z.string(), z.enum(['started', 'ready', 'completed'])),
  runId: z.string().nullable(),
  /** The last `STATUS=` line the service wrote on its notify fd (readiness `notify`), redacted; null when none. */
  notifyStatus: z.string().nullable().optional(),
});
export type ServiceStatus = z.infer<typeof ServiceStatus>;

/** GET /healthz */
export const HealthResponse = z.object({ ok: z.literal(true), pid: z.number().int(), version: z.string(), uptimeMs: z.number() });
export type HealthResponse = z.infer<typeof HealthResponse>;

/** A declared secret as /status shows it: never its value, only whether it has one. */
export const SecretInfo = z.object({
  name: z.string(),
  source: z.enum(['generate', 'env', 'prompt']),
  /** The prompt's label for a person ("OpenAI API key"), null for other sources. */
  prompt: z.string().nullable(),
  required: z.boolean(),
  present: z.boolean(),
});
export type SecretInfo = z.infer<typeof SecretInfo>;

/** GET /status */
export const StatusResponse = z.object({
  supervisor: z.object({
    pid: z.number().int(),
    version: z.string(),
    profile: z.enum(['desktop', 'headless', 'server']),
    startedAt: z.string(),
    state: OverallState,
    stateDir: z.string(),
    logsDir: z.string(),
  }),
  app: z.object({ id: z.string(), name: z.string(), version: z.string() }),
  /** URL of the bundle's `ui` service, once it has a port. */
  uiUrl: z.string().nullable(),
  services: z.array(ServiceStatus),
  /** The bundle's declared secrets (names, sources, labels; never values). */
  secrets: z.array(SecretInfo).optional(),
  /** The bundle-version hand-off (DESIGN §10): idle, or draining/applying/failed with its target. */
  handoff: z.object({ state: z.enum(HANDOFF_STATES), target: z.string().nullable(), reason: z.string().nullable() }).optional(),
});
export type StatusResponse = z.infer<typeof StatusResponse>;

/** GET /readyz: 200 when everything is ready/running/completed, else 503 with the rest. */
export const ReadyResponse = z.object({ ready: z.boolean(), notReady: z.array(z.object({ name: z.string(), state: ServiceState })) });
export type ReadyResponse = z.infer<typeof ReadyResponse>;

/** GET /ports: service → port name → port number. */
export const PortsResponse = z.record(z.string(), z.record(z.string(), z.number().int()));
export type PortsResponse = z.infer<typeof PortsResponse>;

/** One captured output line (already redacted). */
export const LogLine = z.object({
  service: z.string(),
  stream: z.enum(['stdout', 'stderr']),
  line: z.string(),
  at: z.string(),
});
export type LogLine = z.infer<typeof LogLine>;

/** GET /logs/tail?service=&lines= */
export const LogTailResponse = z.object({ lines: z.array(LogLine) });
export type LogTailResponse = z.infer<typeof LogTailResponse>;

/** A state transition (also a telemetry event and part of the run record). */
export const StateEvent = z.object({
  type: z.literal('state'),
  service: z.string(),
  from: ServiceState,
  to: ServiceState,
  at: z.string(),
  reason: z.string().nullable(),
  pid: z.number().int().nullable(),
  blockedBy: BlockedBy.nullable().optional(),
});
export type StateEvent = z.infer<typeof StateEvent>;

/**
 * Output on the event stream. For throughput, one event carries the complete lines a chunk of
 * output held: `line` is one or more lines joined by "\n" (use `linesOf`).
 */
export const LogEvent = LogLine.extend({ type: z.literal('log') });
export type LogEvent = z.infer<typeof LogEvent>;

/** The single lines of a log event (a chunk may carry several). */
export function linesOf(event: LogLine): LogLine[] {
  if (!event.line.includes('\n')) return [event];
  return event.line.split('\n').map((line) => ({ service: event.service, stream: event.stream, line, at: event.at }));
}

/** The supervisor's own overall state changed. */
export const SupervisorEvent = z.object({ type: z.literal('supervisor'), state: OverallState, at: z.string() });
export type SupervisorEvent = z.infer<typeof SupervisorEvent>;

/**
 * Sent on /events as a named SSE event (`event: resync`, not a `message`) when a client resumes
 * with a Last-Event-ID older than the replay buffer: events were lost, so refetch /status.
 * Clients pass it to EventSubscriber.onResync.
 */
export const ResyncEvent = z.object({ type: z.literal('resync'), lastEventId: z.number().int(), oldestEventId: z.number().int() });
export type ResyncEvent = z.infer<typeof ResyncEvent>;

/** The bundle-version hand-off moved (DESIGN §10): deferred, applying, idle again, or failed and why. */
export const HandoffEvent = z.object({ type: z.literal('handoff'), state: z.enum(HANDOFF_STATES), target: z.string().nullable(), reason: z.string().nullable(), at: z.string() });
export type HandoffEvent = z.infer<typeof HandoffEvent>;

/** Everything published on /events (SSE `data:` is one of these as JSON; `id:` is its sequence). */
export const RuntimeEvent = z.discriminatedUnion('type', [StateEvent, LogEvent, SupervisorEvent, HandoffEvent]);
export type RuntimeEvent = z.infer<typeof RuntimeEvent>;

/** GET /services/:name/runs — newest first. */
export const RunsResponse = z.object({ runs: z.array(RunRecord) });
export type RunsResponse = z.infer<typeof RunsResponse>;

/** POST /secrets reply: which names were stored (never the values). */
export const SecretsResponse = z.object({ accepted: z.array(z.string()) });
export type SecretsResponse = z.infer<typeof SecretsResponse>;

/** One finding of the pre-flight (GET /validate). */
export const PreflightProblem = z.object({
  check: z.enum(['manifest', 'binary', 'port', 'secret', 'state-dir']),
  severity: z.enum(['error', 'warning']),
  path: z.string().nullable(),
  message: z.string(),
  fix: z.string(),
});
export type PreflightProblem = z.infer<typeof PreflightProblem>;
export const ValidateResponse = z.object({ ok: z.boolean(), problems: z.array(PreflightProblem) });
export type ValidateResponse = z.infer<typeof ValidateResponse>;

/** POST /services/:name/{start,stop,restart} reply. */
export const ServiceActionResponse = z.object({ service: ServiceStatus });
export type ServiceActionResponse = z.infer<typeof ServiceActionResponse>;

/** POST /shutdown reply (HTTP 202): the shutdown has begun; the supervisor exits 0 when done. */
export const ShutdownResponse = z.object({ accepted: z.literal(true) });
export type ShutdownResponse = z.infer<typeof ShutdownResponse>;

/** One installed bundle version. */
export const InstalledVersion = z.object({
  version: z.string(),
  current: z.boolean(),
  previous: z.boolean(),
  knownGood: z.boolean(),
});
export type InstalledVersion = z.infer<typeof InstalledVersion>;

/** GET /updates (also the reply of POST /updates/check and /updates/apply). Never a feed credential. */
export const UpdatesResponse = z.object({
  state: z.enum(HANDOFF_STATES),
  /** The version being handed off to (deferred, applying) or that failed. */
  target: z.string().nullable(),
  /** Why the last hand-off failed, and where the data backup it restored from is. */
  reason: z.string().nullable(),
  backup: z.string().nullable(),
  /** The version running now (null: not an installed version, e.g. `--bundle`). */
  running: z.string(),
  current: z.string().nullable(),
  previous: z.string().nullable(),
  knownGood: z.string().nullable(),
  versions: z.array(InstalledVersion),
  /** A newer version the feed offered, downloaded and installed (not yet applied). */
  available: z.string().nullable(),
  /** Whether bundle.json names an update feed. */
  feed: z.boolean(),
  checkedAt: z.string().nullable(),
  /** The last check's failure (feed down, junk, checksum mismatch). */
  lastError: z.string().nullable(),
});
export type UpdatesResponse = z.infer<typeof UpdatesResponse>;

/** Every error body: `{ "error": { "code", "message" } }`. */
export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Unsubscribe handle returned by RuntimeClient.subscribe. */
export type Unsubscribe = () => void;

/** What a subscriber of /events is told; the client keeps reconnecting until unsubscribed. */
export interface EventSubscriber {
  /** One runtime event, in order. */
  onEvent(event: RuntimeEvent): void;
  /** Events were lost (the resume point is past the replay buffer, or a new supervisor run): refetch /status. */
  onResync?(resync: ResyncEvent): void;
  /** The stream dropped or could not open (an Error with a `code`). */
  onError?(error: Error): void;
}

/**
 * What the dashboard, the tray and the CLI need from a running supervisor. Two implementations:
 * HTTP (control/client's createControlClient) and IPC (window.berth from the preload).
 */
export interface RuntimeClient {
  status(): Promise<StatusResponse>;
  /** Live events, resumed across drops. */
  subscribe(subscriber: EventSubscriber): Unsubscribe;
  tailLogs(service: string, lines: number): Promise<LogTailResponse>;
  runs(service: string): Promise<RunsResponse>;
  serviceAction(service: string, action: ServiceAction): Promise<ServiceActionResponse>;
  submitSecrets(values: SecretsRequest): Promise<SecretsResponse>;
  validate(): Promise<ValidateResponse>;
  shutdown(): Promise<void>;
  /** Bundle versions and the hand-off (GET /updates). */
  updates(): Promise<UpdatesResponse>;
  /** Asks the bundle's update feed (the supervisor holds any credential). */
  checkUpdates(): Promise<UpdatesResponse>;
  /** Hands off to an installed version; resolves once the hand-off has begun. */
  applyUpdate(version: string): Promise<UpdatesResponse>;
}
