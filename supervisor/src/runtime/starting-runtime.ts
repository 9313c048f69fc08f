// The control API's runtime while start-up runs (issue 9): the server listens as soon as the
// manifest is valid and the state lock is held, and this answers until the SupervisorRuntime
// exists. /healthz answers; /status and /readyz show every service `pending` ("supervisor
// starting") with no ports yet; actions, secrets, /validate and run records wait for the runtime.
import type { HealthResponse, LogLine, PortsResponse, ReadyResponse, RunRecord, ServiceAction, ServiceStatus, StatusResponse, ValidateResponse } from '../control/contract.ts';
import type { ControlledRuntime } from '../control/controlled-runtime.ts';
import { BerthError } from '../errors.ts';
import type { EventBus } from '../events/index.ts';
import type { MetricsText } from '../metrics/index.ts';
import type { ReportArchive } from '../report/index.ts';
import { supervisorHealth, supervisorStatus, type SupervisorFacts } from './supervisor-identity.ts';

/** Why a service shows `pending` before the runtime exists. */
export const STARTING_REASON = 'supervisor starting';

/** What is known before the runtime exists. */
export type StartingFacts = SupervisorFacts;

/** ControlledRuntime for the start-up window; delegates everything once `ready` is called. */
export class StartingRuntime implements ControlledRuntime {
  readonly events: EventBus;
  private readonly facts: StartingFacts;
  private runtime: ControlledRuntime | null = null;
  private readonly settled: Promise<ControlledRuntime>;
  private settle: { resolve: (runtime: ControlledRuntime) => void; reject: (error: unknown) => void } | null = null;

  constructor(facts: StartingFacts, events: EventBus) {
    this.facts = facts;
    this.events = events;
    this.settled = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    // Nobody may be waiting when start-up fails; that rejection is not an unhandled one.
    this.settled.catch(() => undefined);
  }

  /** Start-up reached the runtime: every later call goes to it, waiting calls resume. */
  ready(runtime: ControlledRuntime): void {
    this.runtime = runtime;
    this.settle?.resolve(runtime);
  }

  /** Start-up failed: waiting calls fail with the reason (the server closes right after). */
  failed(error: unknown): void {
    this.settle?.reject(new BerthError('INTERNAL', `start-up failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
  }

  health(): HealthResponse {
    return this.runtime?.health() ?? supervisorHealth(this.facts, Date.now());
  }

  status(): StatusResponse {
    if (this.runtime !== null) return this.runtime.status();
    return {
      supervisor: supervisorStatus(this.facts, 'starting'),
      app: this.facts.loaded.manifest.app,
      uiUrl: null,
      services: this.pendingServices(),
    };
  }

  readiness(): ReadyResponse {
    return this.runtime?.readiness() ?? { ready: false, notReady: this.pendingServices().map(({ name, state }) => ({ name, state })) };
  }

  ports(): PortsResponse {
    return this.runtime?.ports() ?? {};
  }

  tailLogs(service: string | null, lines: number): LogLine[] {
    if (this.runtime !== null) return this.runtime.tailLogs(service, lines);
    if (service !== null) this.requireService(service);
    return [];
  }

  async runs(service: string): Promise<RunRecord[]> {
    return (await this.settled).runs(service);
  }

  async serviceAction(service: string, action: ServiceAction): Promise<ServiceStatus> {
    return (await this.settled).serviceAction(service, action);
  }

  async submitSecrets(values: Record<string, string>): Promise<string[]> {
    return (await this.settled).submitSecrets(values);
  }

  async validate(): Promise<ValidateResponse> {
    return (await this.settled).validate();
  }

  async report(lines: number): Promise<ReportArchive> {
    return (await this.settled).report(lines);
  }

  async metrics(): Promise<MetricsText> {
    return (await this.settled).metrics();
  }

  requestShutdown(): void {
    // Before the runtime exists the request waits for it (a failed start-up stops anyway).
    this.settled.then((runtime) => runtime.requestShutdown(), () => undefined);
  }

  private requireService(name: string): void {
    if (this.facts.loaded.manifest.services[name] === undefined) throw new BerthError('SERVICE_UNKNOWN', `unknown service "${name}"`);
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
