// An in-memory RuntimeClient for component tests: the test sets what the "supervisor" answers,
// pushes events, drops the stream, and reads back the calls the screens made.
import type {
  EventSubscriber,
  LogLine,
  RunRecord,
  RuntimeClient,
  RuntimeEvent,
  SecretsRequest,
  ServiceAction,
  ServiceStatus,
  StatusResponse,
  UpdatesResponse,
  ValidateResponse,
} from '../../../supervisor/src/control/contract.ts';
import { makeUpdates } from './fixtures.ts';
import { applyEvent } from '../state/apply-event.ts';

/** A scriptable RuntimeClient double. */
export class FakeRuntimeClient implements RuntimeClient {
  statusReply: StatusResponse;
  /** When set, status() rejects with it. */
  statusError: Error | null = null;
  logs: LogLine[] = [];
  runsByService: Record<string, RunRecord[]> = {};
  validateReply: ValidateResponse = { ok: true, problems: [] };
  updatesReply: UpdatesResponse = makeUpdates();
  /** When set, checkUpdates() rejects with it. */
  checkError: Error | null = null;
  actionError: Error | null = null;
  readonly actions: { service: string; action: ServiceAction }[] = [];
  readonly secretsSubmitted: SecretsRequest[] = [];
  readonly calls: string[] = [];
  private readonly subscribers = new Set<EventSubscriber>();

  constructor(status: StatusResponse) {
    this.statusReply = status;
  }

  /** Number of open subscriptions. */
  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Publishes an event to every subscriber and folds it into the next status reply. */
  emit(event: RuntimeEvent): void {
    this.statusReply = applyEvent(this.statusReply, event);
    for (const subscriber of this.subscribers) subscriber.onEvent(event);
  }

  /** Tells every subscriber that events were lost (the stream resumed past the replay buffer). */
  resync(): void {
    for (const subscriber of this.subscribers) subscriber.onResync?.({ type: 'resync', lastEventId: 1, oldestEventId: 5 });
  }

  /** Tells every subscriber its stream dropped. */
  dropStream(error = new Error('stream dropped')): void {
    for (const subscriber of this.subscribers) subscriber.onError?.(error);
  }

  /** Replaces one service in the status reply. */
  setService(service: ServiceStatus): void {
    this.statusReply = { ...this.statusReply, services: this.statusReply.services.map((existing) => (existing.name === service.name ? service : existing)) };
  }

  async status(): Promise<StatusResponse> {
    this.calls.push('status');
    if (this.statusError !== null) throw this.statusError;
    return structuredClone(this.statusReply);
  }

  subscribe(subscriber: EventSubscriber): () => void {
    this.calls.push('subscribe');
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  async tailLogs(service: string, lines: number) {
    this.calls.push(`tailLogs:${service}`);
    return { lines: this.logs.filter((line) => line.service === service).slice(-lines) };
  }

  async runs(service: string) {
    this.calls.push(`runs:${service}`);
    return { runs: this.runsByService[service] ?? [] };
  }

  async serviceAction(service: string, action: ServiceAction) {
    this.calls.push(`${action}:${service}`);
    this.actions.push({ service, action });
    if (this.actionError !== null) throw this.actionError;
    const current = this.statusReply.services.find((candidate) => candidate.name === service);
    if (current === undefined) throw Object.assign(new Error(`unknown service ${service}`), { code: 'SERVICE_UNKNOWN' });
    const next: ServiceStatus = { ...current, state: action === 'stop' ? 'stopping' : 'starting' };
    this.setService(next);
    return { service: next };
  }

  async submitSecrets(values: SecretsRequest) {
    this.calls.push('submitSecrets');
    this.secretsSubmitted.push({ ...values });
    return { accepted: Object.keys(values) };
  }

  async validate() {
    this.calls.push('validate');
    return this.validateReply;
  }

  async shutdown() {
    this.calls.push('shutdown');
  }

  async updates(): Promise<UpdatesResponse> {
    this.calls.push('updates');
    return structuredClone(this.updatesReply);
  }

  async checkUpdates(): Promise<UpdatesResponse> {
    this.calls.push('checkUpdates');
    if (this.checkError !== null) throw this.checkError;
    return structuredClone(this.updatesReply);
  }

  async applyUpdate(version: string): Promise<UpdatesResponse> {
    this.calls.push(`applyUpdate:${version}`);
    this.updatesReply = { ...this.updatesReply, state: 'deferred', target: version };
    return structuredClone(this.updatesReply);
  }
}
