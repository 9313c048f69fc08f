// The running supervisor as the control API, the CLI and the terminal see it: one object that
// owns the services, the orchestrator, the secrets and the logs, and answers ControlledRuntime.
import type { LogLine, PortsResponse, ReadyResponse, RunRecord, ServiceAction, ServiceStatus, StatusResponse, ValidateResponse, HealthResponse } from '../control/contract.ts';
import { deriveOverallState } from '../control/contract-core.ts';
import type { ControlledRuntime } from '../control/controlled-runtime.ts';
import { BerthError } from '../errors.ts';
import type { SecretStore } from '../secrets/index.ts';
import type { EventBus } from '../events/index.ts';
import type { MetricsText } from '../metrics/index.ts';
import type { ReportArchive } from '../report/index.ts';
import type { Orchestrator } from './orchestrator.ts';
import { SETTLED_STATES } from './lifecycle/index.ts';
import { supervisorHealth, supervisorStatus, type SupervisorFacts } from './supervisor-identity.ts';

/** Read access to the per-service logs and run records. */
export interface RuntimeStores {
  tail(service: string | null, lines: number): LogLine[];
  runs(service: string): Promise<RunRecord[]>;
  preflight(): Promise<ValidateResponse>;
  metrics(): Promise<MetricsText>;
  report(lines: number): Promise<ReportArchive>;
}

/** Fixed facts about this supervisor run. */
export interface RuntimeIdentity extends SupervisorFacts {
  readonly ports: PortsResponse;
  readonly uiUrl: string | null;
}

/** ControlledRuntime over the orchestrator; `onShutdownRequest` is wired by the start sequence. */
export class SupervisorRuntime implements ControlledRuntime {
  stopping = false;
  private shutdownHandler: (() => void) | null = null;
  private shutdownPending = false;

  readonly identity: RuntimeIdentity;
  readonly events: EventBus;
  readonly orchestrator: Orchestrator;
  readonly secrets: SecretStore;
  private readonly stores: RuntimeStores;

  constructor(identity: RuntimeIdentity, events: EventBus, orchestrator: Orchestrator, secrets: SecretStore, stores: RuntimeStores) {
    this.identity = identity;
    this.events = events;
    this.orchestrator = orchestrator;
    this.secrets = secrets;
    this.stores = stores;
  }

  health(): HealthResponse {
    return supervisorHealth(this.identity, Date.now());
  }

  services(): ServiceStatus[] {
    return [...this.orchestrator.services.values()].map((service) => service.status());
  }

  status(): StatusResponse {
    const services = this.services();
    const { loaded } = this.identity;
    return {
      supervisor: supervisorStatus(this.identity, deriveOverallState(services.map((service) => service.state), this.stopping)),
      app: loaded.manifest.app,
      uiUrl: this.identity.uiUrl,
      services,
      secrets: Object.entries(loaded.manifest.secrets).map(([name, spec]) => ({
        name,
        source: spec.generate !== undefined ? 'generate' : spec.env !== undefined ? 'env' : 'prompt',
        prompt: spec.prompt ?? null,
        required: spec.required,
        present: this.secrets.has(name),
      })),
    };
  }

  readiness(): ReadyResponse {
    const notReady = this.services()
      .filter((service) => !SETTLED_STATES.has(service.state))
      .map(({ name, state }) => ({ name, state }));
    return { ready: notReady.length === 0 && !this.stopping, notReady };
  }

  ports(): PortsResponse {
    return this.identity.ports;
  }

  private requireService(name: string): void {
    if (!this.orchestrator.services.has(name)) throw new BerthError('SERVICE_UNKNOWN', `unknown service "${name}"`);
  }

  tailLogs(service: string | null, lines: number): LogLine[] {
    if (service !== null) this.requireService(service);
    return this.stores.tail(service, lines);
  }

  async runs(service: string): Promise<RunRecord[]> {
    this.requireService(service);
    return this.stores.runs(service);
  }

  serviceAction(service: string, action: ServiceAction): Promise<ServiceStatus> {
    return this.orchestrator.act(service, action);
  }

  async submitSecrets(values: Record<string, string>): Promise<string[]> {
    const accepted = this.secrets.submit(values);
    this.orchestrator.schedule();
    return accepted;
  }

  validate(): Promise<ValidateResponse> {
    return this.stores.preflight();
  }

  metrics(): Promise<MetricsText> {
    return this.stores.metrics();
  }

  report(lines: number): Promise<ReportArchive> {
    return this.stores.report(lines);
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
}
