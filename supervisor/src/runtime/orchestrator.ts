// The rules between services: each one starts when its dependencies meet their conditions and its
// secrets exist, waits (naming why) when they do not, and is stopped while a dependency below it
// has failed. The orchestrator decides none of a service's states: it sends intents to each
// service's lifecycle machine (release, block, need-secrets, …), re-evaluated once per tick
// after any state change.
import type { BlockedBy, ServiceAction, ServiceStatus } from '../control/contract.ts';
import { BerthError } from '../errors.ts';
import type { EventBus } from '../events/index.ts';
import type { DependencyGraph } from '../graph/index.ts';
import { refusalOf } from './lifecycle/index.ts';
import { deadRoots, sameBlock, unmetDependencies } from './dependency-state.ts';
import type { ServiceExecutor } from './service-executor.ts';

/** Decides, before a task starts, whether it runs (tasks' `when`, upgrade backups). */
export interface TaskGate {
  beforeRun(task: string): Promise<{ run: true } | { run: false; reason: string }>;
  afterRun(task: string, ok: boolean): Promise<void>;
}

/** Told after each person's action (persisting unless-stopped holds). */
export type ActionListener = (service: string, action: ServiceAction) => void;

/** Secret lookups the orchestrator needs. */
export interface SecretGate {
  missingFor(service: string): string[];
}

/** Owns the services' executors and the rules between them. */
export class Orchestrator {
  private scheduled = false;
  /**
   * What the next evaluation looks at: the services whose decision a state change can move (the
   * changed one and everything above it), or all of them (start, secrets, a person's action).
   * With 200 services starting, evaluating all of them at each of their ~1000 events was ≈ 2 % of
   * the start's loop.
   */
  private dirty: Set<string> | 'all' = 'all';
  private shuttingDown = false;
  private readonly gating = new Set<string>();
  /** afterRun calls under way (recording success, restoring data/): shutdown waits for them. */
  private readonly taskHooks = new Set<Promise<void>>();
  private readonly unsubscribe: () => void;

  readonly services: ReadonlyMap<string, ServiceExecutor>;
  private readonly graph: DependencyGraph;
  private readonly secrets: SecretGate;
  private readonly tasks: TaskGate | null;
  onAction: ActionListener = () => undefined;

  constructor(services: ReadonlyMap<string, ServiceExecutor>, graph: DependencyGraph, bus: EventBus, secrets: SecretGate, tasks: TaskGate | null) {
    this.services = services;
    this.graph = graph;
    this.secrets = secrets;
    this.tasks = tasks;
    this.unsubscribe = bus.subscribe(({ event }) => {
      if (event.type !== 'state') return;
      this.schedule(event.service);
      if (tasks !== null && event.from === 'starting' && (event.to === 'completed' || event.to === 'failed') && this.services.get(event.service)?.config.kind === 'task') {
        const hook = tasks.afterRun(event.service, event.to === 'completed').catch(() => undefined);
        this.taskHooks.add(hook);
        void hook.finally(() => this.taskHooks.delete(hook));
      }
    });
  }

  /** Begins start-up: everything wanted up is evaluated now and after each change. */
  start(): void {
    this.schedule();
  }

  /** Re-evaluates once per tick however many events arrived: `changed` and its dependents, or (no name) everything. */
  schedule(changed?: string): void {
    if (changed === undefined) this.dirty = 'all';
    else if (this.dirty !== 'all') {
      this.dirty.add(changed);
      for (const dependent of this.graph.dependentsOf(changed)) this.dirty.add(dependent);
    }
    if (this.scheduled || this.shuttingDown) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.evaluate();
    });
  }

  private evaluate(): void {
    if (this.shuttingDown) return;
    const dirty = this.dirty;
    this.dirty = new Set();
    const dead = deadRoots(this.services, this.graph);
    for (const service of this.services.values()) {
      if (dirty !== 'all' && !dirty.has(service.name)) continue;
      const { wanted, blockedBy, phase, run } = service.state;
      if (wanted === 'down') continue;
      const waiting = unmetDependencies(service, this.services);
      const failed = dead.get(service.name);
      if (waiting.length > 0 || failed !== undefined) {
        const block: Extract<BlockedBy, { kind: 'dependencies' }> = { kind: 'dependencies', on: [...waiting], failed: failed ?? [] };
        if (!sameBlock(blockedBy, block)) service.send({ type: 'block', blockedBy: block });
        continue;
      }
      const waitingToStart = run === null && (phase === 'pending' || phase === 'waiting-secrets');
      if (!waitingToStart) {
        if (blockedBy !== null) service.send({ type: 'release' });
        continue;
      }
      const missing = this.secrets.missingFor(service.name);
      if (missing.length > 0) service.send({ type: 'need-secrets', missing });
      else if (service.config.kind === 'task' && this.tasks !== null) void this.gateTask(service, this.tasks);
      else service.send({ type: 'release' });
    }
  }

  /** A task runs only when its gate says so (`when`, the upgrade backup); otherwise it is completed as up to date. */
  private async gateTask(service: ServiceExecutor, tasks: TaskGate): Promise<void> {
    if (this.gating.has(service.name)) return;
    this.gating.add(service.name);
    try {
      const verdict = await tasks.beforeRun(service.name);
      if (this.shuttingDown) return;
      service.send(verdict.run ? { type: 'release' } : { type: 'skip', reason: verdict.reason });
    } catch (error) {
      service.send({ type: 'fail', reason: error instanceof Error ? error.message : String(error) });
    } finally {
      this.gating.delete(service.name);
    }
  }

  private require(name: string): ServiceExecutor {
    const service = this.services.get(name);
    if (service === undefined) throw new BerthError('SERVICE_UNKNOWN', `unknown service "${name}"`);
    return service;
  }

  /** A person's start/stop/restart (control API, CLI, dashboard, tray). */
  async act(name: string, action: ServiceAction): Promise<ServiceStatus> {
    const service = this.require(name);
    if (this.shuttingDown) throw new BerthError('TRANSITION_INVALID', `the supervisor is shutting down`);
    const refusal = refusalOf(name, service.state, action);
    if (refusal !== null) throw new BerthError('TRANSITION_INVALID', refusal);
    service.send({ type: 'act', action });
    await service.untilIdle();
    this.onAction(name, action);
    this.dirty = 'all';
    this.evaluate();
    return service.status();
  }

  /** Start-up: a person's earlier stop of `name` still holds. */
  hold(name: string, reason: string): void {
    this.require(name).send({ type: 'hold', reason });
  }

  /** Replaces the reason of a failed service (a restored upgrade backup's path). */
  annotate(name: string, reason: string): void {
    this.services.get(name)?.send({ type: 'annotate', reason });
  }

  /**
   * `name`'s ports moved (a bind failure re-allocated them): the running services whose command or
   * env was expanded with the old ones (`uses`) restart, so they reach it on the new ones. Not a
   * person's action: nothing about wanting them up changes.
   */
  async portsMoved(name: string, uses: (service: string) => boolean): Promise<void> {
    if (this.shuttingDown) return;
    const stale = [...this.services.values()].filter((service) => service.name !== name && service.state.run !== null && uses(service.name));
    for (const service of stale) service.send({ type: 'ports-moved', service: name });
    await Promise.all(stale.map((service) => service.untilIdle()));
    this.dirty = 'all';
    this.evaluate();
  }

  /** Stops every service for good, dependents before their dependencies, each level in parallel. */
  async stopAll(reason: string): Promise<void> {
    for (const level of this.graph.shutdownLevels) await this.stopEach(level, reason);
    // Anything outside the levels (none after validation, but never leave a process behind).
    await this.stopEach([...this.services.keys()], reason);
  }

  private async stopEach(names: readonly string[], reason: string): Promise<void> {
    const services = names.flatMap((name) => this.services.get(name) ?? []);
    for (const service of services) service.send({ type: 'shutdown', reason });
    await Promise.all(services.map((service) => service.untilIdle()));
  }

  /** The supervisor's shutdown: waits for task bookkeeping, then stops everything. */
  async shutdown(reason: string): Promise<void> {
    this.shuttingDown = true;
    await Promise.all(this.taskHooks);
    await this.stopAll(reason);
    this.unsubscribe();
  }

  /** Immediate kill of everything (second Ctrl-C, uncaught error). */
  async killAll(reason: string): Promise<void> {
    this.shuttingDown = true;
    for (const service of this.services.values()) service.send({ type: 'kill', reason });
    await Promise.all([...this.services.values()].map((service) => service.untilIdle()));
  }
}
