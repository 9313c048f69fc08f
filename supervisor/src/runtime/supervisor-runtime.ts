// One bundle session as the control API sees it: status, readiness, ports, logs, run records,
// actions, secrets and the pre-flight of the version that runs now. The supervisor-wide parts
// (health, shutdown, the hand-off, what shows while no session runs) are the RuntimeHost's.
import type { LogLine, PortsResponse, ReadyResponse, RunRecord, ServiceAction, ServiceStatus, StatusResponse, ValidateResponse } from '../control/contract.ts';
import { deriveOverallState } from '../control/contract-core.ts';
import { BerthError } from '../errors.ts';
import type { SecretStore } from '../secrets/index.ts';
import type { Orchestrator } from './orchestrator.ts';
import { SETTLED_STATES } from './lifecycle/index.ts';
import { supervisorStatus, type SupervisorFacts } from './supervisor-identity.ts';

/** Read access to the per-service logs and run records. */
export interface RuntimeStores {
  tail(service: string | null, lines: number): LogLine[];
  runs(service: string): Promise<RunRecord[]>;
  preflight(): Promise<ValidateResponse>;
}

/** Fixed facts about this session. */
export interface RuntimeIdentity extends SupervisorFacts {
  readonly ports: PortsResponse;
  readonly uiUrl: string | null;
}

/** The control API's view of one session, over its orchestrator. */
export class SupervisorRuntime {
  readonly identity: RuntimeIdentity;
  readonly orchestrator: Orchestrator;
  readonly secrets: SecretStore;
  private readonly stores: RuntimeStores;

  constructor(identity: RuntimeIdentity, orchestrator: Orchestrator, secrets: SecretStore, stores: RuntimeStores) {
    this.identity = identity;
    this.orchestrator = orchestrator;
    this.secrets = secrets;
    this.stores = stores;
  }

  services(): ServiceStatus[] {
    return [...this.orchestrator.services.values()].map((service) => service.status());
  }

  /** GET /status; `stopping` is the supervisor's (shutting down, or handing off). */
  status(stopping: boolean): StatusResponse {
    const services = this.services();
    const { loaded } = this.identity;
    return {
      supervisor: supervisorStatus(this.identity, deriveOverallState(services.map((service) => service.state), stopping)),
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

  readiness(stopping: boolean): ReadyResponse {
    const notReady = this.services()
      .filter((service) => !SETTLED_STATES.has(service.state))
      .map(({ name, state }) => ({ name, state }));
    return { ready: notReady.length === 0 && !stopping, notReady };
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

  /** True while a task of this version is running (a hand-off waits for none). */
  tasksRunning(): boolean {
    return [...this.orchestrator.services.values()].some((service) => service.config.kind === 'task' && service.state.run !== null);
  }
}
