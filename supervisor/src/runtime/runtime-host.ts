// The control API's runtime for the whole life of the supervisor: it listens before any bundle
// session exists (the server answers as soon as the state lock is held: /healthz at once, every
// service `pending` "supervisor starting"), then delegates to the session that runs, through
// hand-offs between versions. It owns what is the supervisor's rather than a session's: health,
// shutdown requests, the stopping flag, and the update controls (which refuse a person's
// start/restart with 409 while a hand-off drains or applies).
import type { HealthResponse, LogLine, PortsResponse, ReadyResponse, RunRecord, ServiceAction, ServiceStatus, StatusResponse, UpdatesResponse, ValidateResponse } from '../control/contract.ts';
import type { ControlledRuntime } from '../control/controlled-runtime.ts';
import { BerthError } from '../errors.ts';
import type { EventBus } from '../events/index.ts';
import type { MetricsText } from '../metrics/index.ts';
import type { ReportArchive } from '../report/index.ts';
import type { SupervisorRuntime } from './supervisor-runtime.ts';
import { supervisorHealth, supervisorStatus, type SupervisorFacts } from './supervisor-identity.ts';

/** Why a service shows `pending` before the first session exists. */
export const STARTING_REASON = 'supervisor starting';

/** The update controls as the host needs them (updates/handoff-controller.ts). */
export interface UpdateControls {
  updates(): Promise<UpdatesResponse>;
  check(): Promise<UpdatesResponse>;
  apply(version: string): Promise<UpdatesResponse>;
  /** The hand-off as /status shows it. */
  summary(): NonNullable<StatusResponse['handoff']>;
  /** True while a hand-off drains or applies: a person's start/restart waits for it (409). */
  readonly busy: boolean;
}

/** What the host serves beside the sessions: metrics (one registry for the supervisor's life) and the report. */
export interface HostExtras {
  metrics(): Promise<MetricsText>;
  report(lines: number): Promise<ReportArchive>;
}

/** ControlledRuntime over whichever session runs now. */
export class RuntimeHost implements ControlledRuntime {
  readonly events: EventBus;
  /** True once the supervisor shuts down (overall state `stopping`, /readyz 503). */
  stopping = false;
  private facts: SupervisorFacts;
  private session: SupervisorRuntime | null = null;
  private controls: UpdateControls | null = null;
  private extras: HostExtras | null = null;
  private readonly first: Promise<SupervisorRuntime>;
  private settle: { resolve: (session: SupervisorRuntime) => void; reject: (error: unknown) => void } | null = null;
  private shutdownHandler: (() => void) | null = null;
  private shutdownPending = false;

  constructor(facts: SupervisorFacts, events: EventBus) {
    this.facts = facts;
    this.events = events;
    this.first = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    // Nobody may be waiting when start-up fails; that rejection is not an unhandled one.
    this.first.catch(() => undefined);
  }

  /** A session runs now (the first, or the next after a hand-off); waiting calls resume. */
  serve(session: SupervisorRuntime): void {
    this.session = session;
    this.facts = session.identity;
    this.settle?.resolve(session);
  }

  /** The update controls, once the supervisor has them. */
  attachUpdates(controls: UpdateControls): void {
    this.controls = controls;
  }

  /** Metrics and the report, once the supervisor has them. */
  attachExtras(extras: HostExtras): void {
    this.extras = extras;
  }

  /** Start-up failed: waiting calls fail with the reason (the server closes right after). */
  failed(error: unknown): void {
    this.settle?.reject(new BerthError('INTERNAL', `start-up failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
  }

  /** The services of the session that runs (none before the first). */
  services(): ServiceStatus[] {
    return this.session?.services() ?? [];
  }

  health(): HealthResponse {
    return supervisorHealth(this.facts, Date.now());
  }

  status(): StatusResponse {
    const handoff = this.controls?.summary();
    const base: StatusResponse = this.session?.status(this.stopping) ?? { supervisor: supervisorStatus(this.facts, 'starting'), app: this.facts.loaded.manifest.app, uiUrl: null, services: this.pendingServices() };
    return handoff === undefined ? base : { ...base, handoff };
  }

  readiness(): ReadyResponse {
    return this.session?.readiness(this.stopping) ?? { ready: false, notReady: this.pendingServices().map(({ name, state }) => ({ name, state })) };
  }

  ports(): PortsResponse {
    return this.session?.ports() ?? {};
  }

  tailLogs(service: string | null, lines: number): LogLine[] {
    if (this.session !== null) return this.session.tailLogs(service, lines);
    if (service !== null && this.facts.loaded.manifest.services[service] === undefined) throw new BerthError('SERVICE_UNKNOWN', `unknown service "${service}"`);
    return [];
  }

  async runs(service: string): Promise<RunRecord[]> {
    return (this.session ?? (await this.first)).runs(service);
  }

  async serviceAction(service: string, action: ServiceAction): Promise<ServiceStatus> {
    if (this.controls?.busy === true && action !== 'stop') throw new BerthError('UPDATE_IN_PROGRESS', `cannot ${action} "${service}" while a bundle update is being applied; try again once it is done`);
    return (this.session ?? (await this.first)).serviceAction(service, action);
  }

  async submitSecrets(values: Record<string, string>): Promise<string[]> {
    return (this.session ?? (await this.first)).submitSecrets(values);
  }

  async validate(): Promise<ValidateResponse> {
    return (this.session ?? (await this.first)).validate();
  }

  updates(): Promise<UpdatesResponse> {
    return this.requireControls().updates();
  }

  checkUpdates(): Promise<UpdatesResponse> {
    return this.requireControls().check();
  }

  applyUpdate(version: string): Promise<UpdatesResponse> {
    return this.requireControls().apply(version);
  }

  async metrics(): Promise<MetricsText> {
    await this.first;
    return this.requireExtras().metrics();
  }

  async report(lines: number): Promise<ReportArchive> {
    await this.first;
    return this.requireExtras().report(lines);
  }

  private requireExtras(): HostExtras {
    if (this.extras === null) throw new BerthError('INTERNAL', 'the supervisor is still starting; try again in a moment');
    return this.extras;
  }

  private requireControls(): UpdateControls {
    if (this.controls === null) throw new BerthError('UPDATE_IN_PROGRESS', 'the supervisor is still starting; try again in a moment');
    return this.controls;
  }

  /** Wired by `berth run` once start-up returns; a request that came earlier is delivered now. */
  set onShutdownRequest(handler: () => void) {
    this.shutdownHandler = handler;
    if (this.shutdownPending) {
      this.shutdownPending = false;
      handler();
    }
  }

  requestShutdown(): void {
    if (this.shutdownHandler === null) this.shutdownPending = true;
    else this.shutdownHandler();
  }

  private pendingServices(): ServiceStatus[] {
    return Object.entries(this.facts.loaded.manifest.services).map(([name, spec]) => ({
      name,
      kind: spec.kind,
      state: 'pending',
      pid: null,
      ports: {},
      restarts: 0,
      lastExit: null,
      startedAt: null,
      readyAt: null,
      uptimeMs: null,
      reason: STARTING_REASON,
      blockedBy: null,
      waitingOn: [],
      missingSecrets: [],
      lastLines: [],
      dependsOn: spec.dependsOn,
      runId: null,
    }));
  }
}
