// Starts services when their dependencies meet their conditions and their secrets exist, stops
// dependents of a failed service (they wait, naming it), and shuts everything down in reverse
// dependency order. Driven by the event bus: every state change re-evaluates who may start.
import type { ServiceAction, ServiceStatus } from '../control/contract.ts';
import { BerthError } from '../errors.ts';
import type { DependencyGraph } from '../graph/index.ts';
import type { EventBus } from './event-bus.ts';
import type { ServiceRunner } from './service-runner.ts';
import { meetsCondition, PROCESS_STATES, STARTABLE_STATES, STOPPABLE_STATES } from './service-state.ts';

/** Decides, before a task starts, whether it runs (tasks' `when`, upgrade backups). */
export interface TaskGate {
  beforeRun(task: string): Promise<{ run: true } | { run: false; reason: string }>;
  afterRun(task: string, ok: boolean): Promise<void>;
}

/** Told after each person's action (persisting unless-stopped holds). */
export type ActionListener = (service: string, action: ServiceAction) => void;

/** How the reason of a service blocked by a failed (or held-down) dependency begins. */
export const DEPENDENCY_FAILED = 'dependency failed';

/** No names: shared by every service with nothing to wait on (never mutated). */
const NONE: readonly string[] = Object.freeze([]);

/** The reason a person's stop leaves; start-up counts such services as settled. */
export const STOPPED_BY_PERSON = 'stopped by request';

/** Secret lookups the orchestrator needs. */
export interface SecretGate {
  missingFor(service: string): string[];
}

/** Owns the runners and the rules between them. */
export class Orchestrator {
  private scheduled = false;
  private shuttingDown = false;
  private readonly gating = new Set<string>();
  /** afterRun calls under way (recording success, restoring data/): shutdown waits for them. */
  private readonly taskHooks = new Set<Promise<void>>();
  private readonly unsubscribe: () => void;

  readonly runners: ReadonlyMap<string, ServiceRunner>;
  private readonly graph: DependencyGraph;
  private readonly secrets: SecretGate;
  private readonly tasks: TaskGate | null;
  onAction: ActionListener = () => undefined;

  constructor(runners: ReadonlyMap<string, ServiceRunner>, graph: DependencyGraph, bus: EventBus, secrets: SecretGate, tasks: TaskGate | null) {
    this.runners = runners;
    this.graph = graph;
    this.secrets = secrets;
    this.tasks = tasks;
    this.unsubscribe = bus.subscribe(({ event }) => {
      if (event.type === 'state') this.schedule();
      const tasks = this.tasks;
      if (event.type === 'state' && tasks !== null && this.runners.get(event.service)?.kind === 'task' && (event.to === 'completed' || event.to === 'failed') && event.from === 'starting') {
        const hook = tasks.afterRun(event.service, event.to === 'completed').catch(() => undefined);
        this.taskHooks.add(hook);
        void hook.finally(() => this.taskHooks.delete(hook));
      }
    });
  }

  /** Begins start-up: everything desired up is evaluated now and after each change. */
  start(): void {
    this.schedule();
  }

  /** Re-evaluates once per tick however many events arrived. */
  schedule(): void {
    if (this.scheduled || this.shuttingDown) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.evaluate();
    });
  }

  /** A dependency that cannot come back by itself: failed, or held down by a person. */
  private isDead(runner: ServiceRunner): boolean {
    return runner.state === 'failed' || (runner.state === 'stopped' && runner.desired === 'down');
  }

  /**
   * For every service, the dead services it depends on, directly or through others (in start
   * order, so a dependency's answer is known before its dependents'): a failure stops the whole
   * chain above it, each naming the failed service.
   */
  private deadRoots(): Map<string, string[]> {
    const roots = new Map<string, string[]>();
    // The usual case, at every state change of a start-up: nothing is dead, so nobody has a dead
    // root. Checked without building a set per service (that was O(n) allocations per event).
    let anyDead = false;
    for (const runner of this.runners.values()) anyDead ||= this.isDead(runner);
    if (!anyDead) return roots;
    for (const name of this.graph.levels.flat()) {
      const runner = this.runners.get(name);
      if (runner === undefined) continue;
      const found = new Set<string>();
      for (const dependency of Object.keys(runner.config.spec.dependsOn)) {
        const target = this.runners.get(dependency);
        if (target === undefined || meetsCondition(target.state, runner.config.spec.dependsOn[dependency] ?? 'ready')) continue;
        if (this.isDead(target)) found.add(dependency);
        for (const root of roots.get(dependency) ?? []) found.add(root);
      }
      roots.set(name, [...found].sort());
    }
    return roots;
  }

  private evaluate(): void {
    const dead = this.deadRoots();
    for (const runner of this.runners.values()) {
      if (runner.desired === 'down') continue;
      const waiting = this.unmetDependencies(runner);
      const failed = dead.get(runner.name) ?? NONE;
      runner.waitingOn = waiting;
      if (failed.length > 0 && (PROCESS_STATES.has(runner.state) || runner.state === 'backoff') && runner.state !== 'stopping') {
        const reasons = failed.map((name) => `${name} ${this.runners.get(name)?.state ?? ''}`).join(', ');
        runner.waitingOn = waiting;
        void runner.stop(`${DEPENDENCY_FAILED}: ${reasons}`, 'pending');
        continue;
      }
      if (runner.state !== 'pending' && runner.state !== 'waiting-secrets') continue;
      if (waiting.length > 0) {
        const detail = waiting.map((name) => `${name} (${runner.config.spec.dependsOn[name]}; now ${this.runners.get(name)?.state ?? '?'})`).join(', ');
        runner.setState('pending', failed.length > 0 ? `${DEPENDENCY_FAILED}: ${failed.map((name) => `${name} ${this.runners.get(name)?.state ?? ''}`).join(', ')}; waiting on: ${detail}` : `waiting on: ${detail}`);
        continue;
      }
      const missing = this.secrets.missingFor(runner.name);
      runner.missingSecrets = missing;
      if (missing.length > 0) {
        runner.setState('waiting-secrets', `waiting for secrets: ${missing.join(', ')}`);
        continue;
      }
      void this.activate(runner);
    }
  }

  /**
   * The dependencies of `runner` whose condition is not met, in bundle order. Runs for every
   * service at every state change (O(services) per event): a service without dependencies costs
   * no allocation, which is most of them in a large start (200 services: ≈ 60 ms of the loop).
   */
  private unmetDependencies(runner: ServiceRunner): readonly string[] {
    const dependsOn = runner.config.spec.dependsOn;
    let waiting: string[] | null = null;
    for (const dependency in dependsOn) {
      const target = this.runners.get(dependency);
      const condition = dependsOn[dependency];
      if (target !== undefined && condition !== undefined && !meetsCondition(target.state, condition)) (waiting ??= []).push(dependency);
    }
    return waiting ?? NONE;
  }

  private async activate(runner: ServiceRunner): Promise<void> {
    if (runner.kind !== 'task' || this.tasks === null) {
      runner.activate();
      return;
    }
    if (this.gating.has(runner.name)) return;
    this.gating.add(runner.name);
    try {
      const verdict = await this.tasks.beforeRun(runner.name);
      if (runner.desired === 'down' || this.shuttingDown) return;
      if (verdict.run) runner.activate();
      else runner.setState('completed', verdict.reason);
    } catch (error) {
      runner.setState('failed', error instanceof Error ? error.message : String(error));
    } finally {
      this.gating.delete(runner.name);
    }
  }

  /** A person's start/stop/restart (control API, CLI, dashboard, tray). */
  async act(name: string, action: ServiceAction): Promise<ServiceStatus> {
    const runner = this.runners.get(name);
    if (runner === undefined) throw new BerthError('SERVICE_UNKNOWN', `unknown service "${name}"`);
    if (this.shuttingDown) throw new BerthError('TRANSITION_INVALID', `the supervisor is shutting down`);
    const state = runner.state;
    if (action === 'stop') {
      if (!STOPPABLE_STATES.has(state)) throw new BerthError('TRANSITION_INVALID', `cannot stop "${name}": it is ${state}`);
      runner.desired = 'down';
      await runner.stop(STOPPED_BY_PERSON);
    } else if (action === 'start') {
      if (!STARTABLE_STATES.has(state) || (runner.desired === 'up' && (state === 'pending' || state === 'waiting-secrets' || state === 'backoff'))) {
        throw new BerthError('TRANSITION_INVALID', `cannot start "${name}": it is ${state}`);
      }
      runner.desired = 'up';
      runner.resetBudget();
      if (state === 'backoff') await runner.stop('start requested', 'pending');
      else runner.setState('pending', 'start requested');
    } else {
      if (state === 'stopping') throw new BerthError('TRANSITION_INVALID', `cannot restart "${name}": it is stopping`);
      runner.desired = 'up';
      runner.resetBudget();
      await runner.stop('restart requested', 'pending');
    }
    this.onAction(name, action);
    this.evaluate();
    return runner.status();
  }

  /**
   * `name`'s ports moved (a bind failure re-allocated them): the running services whose command or
   * env was expanded with the old ones (`uses`) restart, so they reach it on the new ones. Not a
   * person's action: nothing about wanting them up changes.
   */
  async portsMoved(name: string, uses: (service: string) => boolean): Promise<void> {
    if (this.shuttingDown) return;
    const stale = [...this.runners.values()].filter((runner) => runner.name !== name && PROCESS_STATES.has(runner.state) && runner.state !== 'stopping' && uses(runner.name));
    await Promise.all(stale.map((runner) => runner.stop(`restarted: the ports of ${name} moved`, 'pending')));
    this.evaluate();
  }

  /** Stops every service for good, dependents before their dependencies, each level in parallel. */
  async stopAll(reason: string): Promise<void> {
    for (const runner of this.runners.values()) runner.desired = 'down';
    for (const level of this.graph.shutdownLevels) {
      await Promise.all(level.map((name) => this.runners.get(name)?.stop(reason)));
    }
    // Anything outside the levels (none after validation, but never leave a process behind).
    await Promise.all([...this.runners.values()].map((runner) => runner.stop(reason)));
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
    await Promise.all([...this.runners.values()].map((runner) => runner.kill(reason)));
  }
}
