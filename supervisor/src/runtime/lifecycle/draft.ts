// The working copy of one step of the machine: the next state being built and the effects asked
// for so far, with the moves every handler shares (launch a run, come up, stop, land). The input
// state is never mutated; a step that changes nothing returns it as it was.
import type { ServiceState } from '../../control/contract.ts';
import type { LifecycleEffect } from './lifecycle-events.ts';
import { blockedReason } from './blocked-reason.ts';
import { livePid, type Landing, type Lifecycle, type LifecycleConfig, type Run } from './lifecycle-state.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The result of one step. */
export interface StepResult {
  readonly state: Lifecycle;
  readonly effects: readonly LifecycleEffect[];
}

/** One step under construction. */
export class Draft {
  readonly config: LifecycleConfig;
  readonly nowMs: number;
  readonly random: () => number;
  private readonly original: Lifecycle;
  private readonly next: Mutable<Lifecycle>;
  private readonly effects: LifecycleEffect[] = [];
  private changed = false;

  constructor(config: LifecycleConfig, state: Lifecycle, nowMs: number, random: () => number) {
    this.config = config;
    this.nowMs = nowMs;
    this.random = random;
    this.original = state;
    this.next = { ...state };
  }

  /** The state as built so far. */
  get state(): Lifecycle {
    return this.next;
  }

  /** Changes fields other than the phase (those go through `to`). */
  set(fields: Partial<Omit<Lifecycle, 'phase' | 'reason'>>): this {
    Object.assign(this.next, fields);
    this.changed = true;
    return this;
  }

  /** Changes the run under way. */
  setRun(fields: Partial<Run>): this {
    const run = this.next.run;
    if (run !== null) this.set({ run: { ...run, ...fields } });
    return this;
  }

  emit(effect: LifecycleEffect): this {
    this.effects.push(effect);
    return this;
  }

  /** A fresh id for a run or a timer token. */
  nextSerial(): number {
    this.set({ serial: this.next.serial + 1 });
    return this.next.serial;
  }

  /** Moves to `phase` with `reason`, publishing the transition (nothing when neither changes). */
  to(phase: ServiceState, reason: string | null): this {
    const from = this.next.phase;
    if (from === phase && this.next.reason === reason) return this;
    this.next.phase = phase;
    this.next.reason = reason;
    if (phase === 'ready' || phase === 'running' || phase === 'completed') this.next.readyAtMs = this.nowMs;
    this.changed = true;
    return this.emit({ type: 'transition', from, to: phase, reason, pid: livePid(this.next) });
  }

  /** Starts a new run: `starting`, then the executor spawns it. */
  launch(): this {
    const id = this.nextSerial();
    const restarts = this.next.restarts;
    this.set({ run: { id, startedAtMs: this.nowMs, pid: null, upSinceMs: null, endCause: null, exit: null, outcome: null }, startedAtMs: this.nowMs, blockedBy: null, backoffToken: null, landing: null });
    this.to('starting', restarts > 0 ? `restart ${restarts}` : null);
    return this.emit({ type: 'spawn', run: id, restartCount: restarts });
  }

  /** The run came up: ready (probe passed) or running (no probe); monitors start. */
  comeUp(run: Run, phase: 'ready' | 'running'): this {
    this.setRun({ upSinceMs: this.nowMs });
    this.emit({ type: 'cancel-timer', timer: 'start-timeout' });
    this.to(phase, null);
    return this.config.monitorsAfterUp ? this.emit({ type: 'start-monitors', run: run.id }) : this;
  }

  /** The graceful (or forced) stop of the run's process group. */
  signalRun(run: Run, force: boolean): this {
    return this.emit({ type: 'signal', run: run.id, signal: force ? 'SIGKILL' : this.config.stopSignal, graceMs: force ? 0 : this.config.stopGraceMs });
  }

  /**
   * Stops whatever runs and lands in `landing` once the process is gone and recorded. With no
   * process: a backoff is cancelled; a settled service (stopped, failed, completed) keeps its
   * state and reason unless the landing brings it back to pending.
   */
  stop(landing: Landing): this {
    const run = this.next.run;
    if (run === null) {
      if (this.next.backoffToken !== null) this.set({ backoffToken: null }).emit({ type: 'cancel-timer', timer: 'backoff' });
      const settled = this.next.phase === 'completed' || this.next.phase === 'failed' || this.next.phase === 'stopped';
      return !settled || landing.phase === 'pending' ? this.to(landing.phase, landing.reason) : this;
    }
    const current = this.next.landing;
    // A stop already under way keeps its landing unless this one stops for good; force escalates.
    if (current !== null) {
      if (landing.phase === 'stopped' && current.phase !== 'stopped') this.set({ landing: { ...landing, force: current.force || landing.force } });
      if (landing.force && !current.force && run.pid !== null && run.exit === null) {
        this.set({ landing: { ...(this.next.landing ?? landing), force: true } });
        this.signalRun(run, true);
      }
      return this;
    }
    this.set({ landing });
    if (run.exit !== null) return this; // gone already: lands once its end is recorded
    this.emit({ type: 'cancel-timer', timer: 'start-timeout' }).emit({ type: 'cancel-timer', timer: 'task-timeout' });
    this.to('stopping', landing.reason);
    return run.pid === null ? this : this.signalRun(run, landing.force);
  }

  /**
   * Applies the landing of a stop whose run is over (recorded, or never spawned). Back in pending
   * while dependencies are unmet, the reason says what it waits on (as any waiting service's does).
   */
  land(landing: Landing): this {
    this.set({ run: null, landing: null });
    const block = this.next.blockedBy;
    return this.to(landing.phase, landing.phase === 'pending' && block?.kind === 'dependencies' ? blockedReason(block) : landing.reason);
  }

  /** True when a run (not already being stopped) or a scheduled restart exists that a failed dependency must stop. */
  hasSomethingToStop(): boolean {
    const { run, landing, backoffToken } = this.next;
    return (run !== null && landing === null) || backoffToken !== null;
  }

  result(): StepResult {
    return this.changed || this.effects.length > 0 ? { state: this.next, effects: this.effects } : { state: this.original, effects: this.effects };
  }
}
