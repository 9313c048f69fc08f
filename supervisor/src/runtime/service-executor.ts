// The executor of one service's lifecycle machine: it holds the machine's state (and is the only
// code that replaces it, with stepLifecycle's result), performs the effects the machine asks for
// through the injected seam (spawner, killer, clock, probes, records), and turns what happens to
// the process back into reports. Events are processed one at a time, in order.
import type { Readable } from 'node:stream';
import type { CancelTimer } from '../clock/clock.ts';
import type { ServiceStatus } from '../control/contract.ts';
import { messageOf } from '../errors.ts';
import { matchesLogPattern, type ServiceSpec } from '../manifest/index.ts';
import type { LogBlock } from '../logs/index.ts';
import type { ProcessExit } from '../process/exit-info.ts';
import { isCannotRun } from '../process/spawn-process.ts';
import { NOTIFY_ENV, NOTIFY_FD, readNotify } from '../health/notify-reader.ts';
import { exitReasonOf } from '../metrics/index.ts';
import type { LaunchSpec } from '../templates/resolve-launch.ts';
import { captureOutput, keepLastLine } from './capture-output.ts';
import { initialLifecycle, lifecycleConfigOf, statusOf, stepLifecycle, type Lifecycle, type LifecycleConfig, type LifecycleEffect, type LifecycleEvent, type TimerKind } from './lifecycle/index.ts';
import { BIND_FAILURE, RunHandle, channelFor } from './run-handle.ts';
import { startRunMonitors, watchReadiness } from './run-watchers.ts';
import type { ServiceContext } from './service-context.ts';

/** Everything fixed about a service for the life of the supervisor. */
export interface ServiceDefinition {
  readonly name: string;
  readonly spec: ServiceSpec;
  /** argv, env and cwd with templates resolved against the current port map. */
  readonly launch: () => LaunchSpec;
  /** The environment every run starts from (before the service's own env and secrets). */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** The operator's env files: over the service's own env, under its secrets. */
  readonly overrideEnv: Readonly<Record<string, string>>;
  /** This service's ports now (they change when a bind failure re-allocates them). */
  readonly ports: () => Readonly<Record<string, number>>;
  readonly portUrls: () => ServiceStatus['ports'];
  /** Picks new ports for this service's range-allocated ports; false when none could move. */
  readonly reallocatePorts: () => Promise<boolean>;
  /** Resolves templates (`${node}`, `${ports.…}`…) in an exec probe's argv. */
  readonly resolveArgv: (argv: readonly string[]) => readonly string[];
}

/** Performs one service's lifecycle. */
export class ServiceExecutor {
  readonly definition: ServiceDefinition;
  readonly config: LifecycleConfig;
  private lifecycle: Lifecycle = initialLifecycle();
  private readonly context: ServiceContext;
  private readonly handles = new Map<number, RunHandle>();
  private readonly timers = new Map<TimerKind, CancelTimer>();
  private readonly lastLines: string[] = [];
  private readonly queue: LifecycleEvent[] = [];
  private stepping = false;
  private idleWaiters: Array<() => void> = [];
  /** The previous run's end record, which the next run's start record follows. */
  private records: Promise<void> = Promise.resolve();
  /** A port re-allocation under way, which the next spawn waits for. */
  private portsSettled: Promise<void> = Promise.resolve();
  private previousRunId: string | null = null;
  /** The last STATUS= line of the current run's notify fd (redacted). */
  private notifyStatus: string | null = null;

  constructor(definition: ServiceDefinition, context: ServiceContext) {
    this.definition = definition;
    this.config = lifecycleConfigOf(definition.name, definition.spec);
    this.context = context;
  }

  get name(): string {
    return this.definition.name;
  }

  /** The machine's state (read-only: only `send` moves it). */
  get state(): Lifecycle {
    return this.lifecycle;
  }

  /** Delivers an intent or report to the machine and performs what it asks for. */
  send(event: LifecycleEvent): void {
    this.queue.push(event);
    if (this.stepping) return;
    this.stepping = true;
    try {
      for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
        const { state, effects } = stepLifecycle(this.config, this.lifecycle, next, this.context.clock.now(), () => this.context.random());
        this.lifecycle = state;
        for (const effect of effects) this.perform(effect);
      }
    } finally {
      this.stepping = false;
    }
    if (this.isIdle()) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  /** Resolves once no process of this service exists and no stop is under way. */
  untilIdle(): Promise<void> {
    return this.isIdle() ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The /status view. */
  status(): ServiceStatus {
    const current = this.lifecycle.run === null ? undefined : this.handles.get(this.lifecycle.run.id);
    return statusOf(this.config, this.lifecycle, {
      nowMs: this.context.clock.now(),
      ports: this.definition.portUrls(),
      lastLines: this.lastLines,
      runId: current?.record?.runId ?? this.previousRunId,
      dependsOn: this.definition.spec.dependsOn,
      notifyStatus: this.notifyStatus,
    });
  }

  private isIdle(): boolean {
    return this.lifecycle.run === null && this.lifecycle.landing === null;
  }

  private perform(effect: LifecycleEffect): void {
    const { context } = this;
    switch (effect.type) {
      case 'transition':
        this.observeStart(effect.from, effect.to);
        context.bus.publish({ type: 'state', service: this.name, from: effect.from, to: effect.to, at: new Date(context.clock.now()).toISOString(), reason: effect.reason, pid: effect.pid, blockedBy: this.lifecycle.blockedBy });
        return;
      case 'spawn':
        void this.spawn(effect.run, effect.restartCount);
        return;
      case 'signal':
        this.handles.get(effect.run)?.groupStop?.signal(effect.signal, effect.graceMs);
        return;
      case 'watch-readiness':
        this.withHandle(effect.run, (handle) => watchReadiness(this.definition, context, handle, () => this.send({ type: 'ready', run: handle.id })));
        return;
      case 'start-monitors':
        this.withHandle(effect.run, (handle) => startRunMonitors(this.definition, context, handle, (report) => this.send(report)));
        return;
      case 'arm-timer':
        this.armTimer(effect.timer, effect.token, effect.ms);
        return;
      case 'cancel-timer':
        this.timers.get(effect.timer)?.();
        this.timers.delete(effect.timer);
        return;
      case 'record-end':
        this.recordEnd(effect.run, effect.exit, effect.reason, effect.then);
        return;
      case 'note':
        keepLastLine(this.lastLines, effect.line);
        return;
      case 'reallocate-ports':
        this.portsSettled = this.portsSettled
          .then(() => this.definition.reallocatePorts())
          .then((moved) => {
            if (moved) context.logger.warn('port in use at bind; re-allocated', { service: this.name });
          })
          .catch((error: unknown) => context.logger.warn('ports not re-allocated', { service: this.name, error: messageOf(error) }));
        return;
      case 'telemetry':
        context.telemetry(effect.event);
        return;
    }
  }

  private withHandle(runId: number, use: (handle: RunHandle) => void): void {
    const handle = this.handles.get(runId);
    if (handle !== undefined) use(handle);
  }

  private armTimer(kind: TimerKind, token: number, ms: number): void {
    this.timers.get(kind)?.();
    this.timers.set(
      kind,
      this.context.clock.setTimer(ms, () => {
        this.timers.delete(kind);
        this.send({ type: 'timer', timer: kind, token, detail: kind === 'start-timeout' ? (this.handles.get(token)?.probeError ?? null) : null });
      }),
    );
  }

  private async spawn(runId: number, restartCount: number): Promise<void> {
    const { context, definition } = this;
    const handle = new RunHandle(runId);
    this.handles.set(runId, handle);
    this.lastLines.length = 0;
    this.notifyStatus = null;
    const notifyFd = definition.spec.readiness?.notify !== undefined;
    try {
      await this.portsSettled;
      const launch = definition.launch();
      handle.cwd = launch.cwd;
      const env = { ...definition.baseEnv, ...launch.env, ...definition.overrideEnv, ...(await context.secretEnv(this.name)), ...(notifyFd ? { [NOTIFY_ENV]: String(NOTIFY_FD) } : {}) };
      const { shutdown } = definition.spec;
      const spawned = await context.spawner.spawn({ ...launch, env, where: `services.${this.name}`, stdin: shutdown.stdin ? 'pipe' : 'ignore', notifyFd });
      const channelFailed = (channel: string, why: string) => context.logger.warn('graceful stop not delivered; sending the stop signal now', { service: this.name, channel, why });
      handle.started(spawned, context.killer, context.clock, channelFor(shutdown, spawned, definition.ports()), channelFailed);
    } catch (error) {
      this.handles.delete(runId);
      context.observe({ type: 'exit', service: this.name, reason: 'spawn-failed' });
      this.send({ type: 'spawn-failed', run: runId, message: messageOf(error), cannotRun: isCannotRun(error) });
      return;
    }
    const child = handle.child;
    if (child === null) return;
    handle.recordWritten = this.records
      .then(() => context.recordRunStart({ service: this.name, pid: child.pid, pgid: child.pgid, restartCount, previousRunId: this.previousRunId }))
      .then((record) => {
        handle.record = record;
      })
      .catch((error: unknown) => context.logger.warn('run record not written', { service: this.name, error: messageOf(error) }));
    if (child.notify !== null) this.readNotifyFd(handle, child.notify);
    handle.outputDone = captureOutput(this.name, child, context, () => context.clock.now(), this.lastLines, (block) => this.onOutput(handle, block));
    void child.exited.then((exit) => this.onExit(handle, exit));
    this.send({ type: 'spawned', run: runId, pid: child.pid });
  }

  /** A run came up: spawn → ready (or running) for berth_service_start_seconds. */
  private observeStart(from: string, to: string): void {
    const run = this.lifecycle.run;
    if (from !== 'starting' || (to !== 'ready' && to !== 'running') || run === null) return;
    this.context.observe({ type: 'start', service: this.name, seconds: (this.context.clock.now() - run.startedAtMs) / 1000 });
  }

  private readNotifyFd(handle: RunHandle, stream: Readable): void {
    readNotify(stream, {
      onReady: () => {
        handle.notify.ready = true;
        const waiting = handle.notify.onReady;
        handle.notify.onReady = null;
        waiting?.();
      },
      onStatus: (text) => {
        if (this.handles.has(handle.id)) this.notifyStatus = this.context.redact(text);
      },
      onClosed: (ready) => {
        if (!ready) handle.probeError = 'it closed its notify fd without writing READY=1';
      },
    });
  }

  private onOutput(handle: RunHandle, block: LogBlock): void {
    const pattern = handle.logPattern;
    if (pattern === null || !block.split().some((line) => matchesLogPattern(pattern, line))) return;
    handle.logPattern = null;
    this.send({ type: 'ready', run: handle.id });
  }

  private async onExit(handle: RunHandle, exit: ProcessExit): Promise<void> {
    await handle.settleExit(this.context.clock);
    const run = this.lifecycle.run;
    if (run?.id === handle.id) this.context.observe({ type: 'exit', service: this.name, reason: exitReasonOf(exit, run.endCause, this.lifecycle.landing !== null) });
    this.send({ type: 'exited', run: handle.id, exit, bindFailure: this.lastLines.some((line) => BIND_FAILURE.test(line)) });
  }

  private recordEnd(runId: number, exit: ProcessExit, reason: string | null, then: boolean): void {
    const handle = this.handles.get(runId);
    this.handles.delete(runId);
    const done = (async () => {
      if (handle === undefined) return;
      await handle.recordWritten;
      const record = handle.record;
      if (record === null) return;
      this.previousRunId = record.runId;
      await this.context.recordRunEnd(record, exit, reason).catch((error: unknown) => this.context.logger.warn('run record not completed', { service: this.name, error: messageOf(error) }));
    })();
    this.records = done;
    if (then) void done.then(() => this.send({ type: 'recorded', run: runId }));
  }
}
