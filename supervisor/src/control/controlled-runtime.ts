// What the control server needs from the runtime, and nothing more. The lead's runtime
// implements it; server tests use a small in-memory object. Every method's errors are
// BerthErrors whose codes the server maps to HTTP statuses (see http-errors.ts).
import type { EventBus } from '../events/index.ts';
import type { MetricsText } from '../metrics/index.ts';
import type { ReportArchive } from '../report/index.ts';
import type {
  HealthResponse,
  LogLine,
  PortsResponse,
  ReadyResponse,
  RunRecord,
  ServiceAction,
  ServiceStatus,
  StatusResponse,
  UpdatesResponse,
  ValidateResponse,
} from './contract.ts';

/** The runtime as seen by the control API (GET/POST handlers call exactly these). */
export interface ControlledRuntime {
  /** GET /healthz: pid, version, uptime. */
  health(): HealthResponse;
  /** GET /status: the supervisor and every service. */
  status(): StatusResponse;
  /** GET /readyz: `ready` false → the server answers 503 with the same body. */
  readiness(): ReadyResponse;
  /** GET /ports: the allocated port map. */
  ports(): PortsResponse;
  /** GET /logs/tail: last `lines` redacted lines of one service, or of all when `service` is null (SERVICE_UNKNOWN). */
  tailLogs(service: string | null, lines: number): LogLine[];
  /** GET /services/:name/runs: run records, newest first (SERVICE_UNKNOWN). */
  runs(service: string): Promise<RunRecord[]>;
  /** The event stream behind GET /events (already redacted). */
  readonly events: EventBus;
  /** POST /services/:name/:action; SERVICE_UNKNOWN → 404, TRANSITION_INVALID → 409. */
  serviceAction(service: string, action: ServiceAction): Promise<ServiceStatus>;
  /** POST /secrets: stores prompted values, returns the accepted names (SECRET_INVALID → 400). */
  submitSecrets(values: Record<string, string>): Promise<string[]>;
  /** GET /validate: the pre-flight (see preflight.ts). */
  validate(): Promise<ValidateResponse>;
  /** POST /shutdown: begins a graceful shutdown; called after the 202 reply has been sent. */
  requestShutdown(): void;
  /** GET /updates: installed versions and the hand-off state. */
  updates(): Promise<UpdatesResponse>;
  /** POST /updates/check: asks the bundle's feed, downloads and installs a newer version (FEED_FAILED → 502). */
  checkUpdates(): Promise<UpdatesResponse>;
  /** POST /updates/apply: begins the hand-off (UPDATE_IN_PROGRESS → 409, BUNDLE_NOT_INSTALLED → 404). */
  applyUpdate(version: string): Promise<UpdatesResponse>;
  /** GET /metrics: Prometheus text. */
  metrics(): Promise<MetricsText>;
  /** GET /report: the diagnostic report (.tar.gz), secrets redacted, `lines` of each log. */
  report(lines: number): Promise<ReportArchive>;
}
