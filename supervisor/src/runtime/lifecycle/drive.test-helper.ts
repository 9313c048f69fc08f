// Drives one lifecycle machine through events for the table tests: a manifest entry in, the
// state and the effects of every step out, with a hand-moved clock and a fixed jitter draw.
import type { BlockedBy, ServiceState } from '../../control/contract.ts';
import { ServiceSpec } from '../../manifest/schema.ts';
import type { LifecycleEffect, LifecycleEvent } from './lifecycle-events.ts';
import { initialLifecycle, lifecycleConfigOf, type Lifecycle, type LifecycleConfig } from './lifecycle-state.ts';
import { stepLifecycle } from './step.ts';

/** A machine under test. */
export class Driven {
  readonly config: LifecycleConfig;
  state: Lifecycle = initialLifecycle();
  nowMs = 1_000_000;
  /** The jitter draw (0..1) used for every backoff. */
  random = 0.5;
  /** Every effect so far, in order. */
  readonly log: LifecycleEffect[] = [];

  constructor(fields: Record<string, unknown> = {}, name = 'web') {
    this.config = lifecycleConfigOf(name, ServiceSpec.parse({ command: ['x'], ...fields }));
  }

  /** Sends one event (after moving the clock by `afterMs`); returns its effects. */
  send(event: LifecycleEvent, afterMs = 0): LifecycleEffect[] {
    this.nowMs += afterMs;
    const result = stepLifecycle(this.config, this.state, event, this.nowMs, () => this.random);
    this.state = result.state;
    this.log.push(...result.effects);
    return [...result.effects];
  }

  /** The current run's id (throws when none: a test that expected one is wrong). */
  get runId(): number {
    const run = this.state.run;
    if (run === null) throw new Error(`no run (state ${this.state.phase})`);
    return run.id;
  }

  /** Release → spawned → (ready): a run that is up. */
  up(pid = 100): this {
    this.send({ type: 'release' });
    this.send({ type: 'spawned', run: this.runId, pid });
    if (this.config.readiness !== 'none') this.send({ type: 'ready', run: this.runId });
    return this;
  }

  /** The process exits (and, unless `record` is false, its end is recorded). */
  exit(code: number | null, options: { signal?: string; afterMs?: number; record?: boolean; bindFailure?: boolean } = {}): LifecycleEffect[] {
    const run = this.runId;
    const effects = this.send({ type: 'exited', run, exit: { code, signal: options.signal ?? null }, bindFailure: options.bindFailure ?? false }, options.afterMs ?? 0);
    const waits = effects.some((effect) => effect.type === 'record-end' && effect.then);
    if (waits && options.record !== false) effects.push(...this.send({ type: 'recorded', run }));
    return effects;
  }

  /** The phases published so far. */
  get phases(): string[] {
    return this.log.flatMap((effect) => (effect.type === 'transition' ? [effect.to] : []));
  }
}

/** Effects of one kind. */
export function only<T extends LifecycleEffect['type']>(effects: readonly LifecycleEffect[], type: T): Array<Extract<LifecycleEffect, { type: T }>> {
  return effects.filter((effect): effect is Extract<LifecycleEffect, { type: T }> => effect.type === type);
}

/** A dependency block. */
export function blocked(on: Array<[string, 'started' | 'ready' | 'completed', ServiceState]>, failed: Array<[string, ServiceState]> = []): Extract<BlockedBy, { kind: 'dependencies' }> {
  return {
    kind: 'dependencies',
    on: on.map(([service, condition, state]) => ({ service, condition, state })),
    failed: failed.map(([service, state]) => ({ service, state })),
  };
}
