// One service's lifecycle: launch → (probe) → running/ready → end → restart decision → backoff →
// launch again, until stopped or failed. The runner is the only writer of its service's state;
// every transition is published on the bus (the single source of truth). Dependencies and
// secrets are the orchestrator's business: it calls `activate()` when they are met.
import type { RunRecord, ServiceState, ServiceStatus } from '../control/contract.ts';
import { parseLogPattern, matchesLogPattern, type ServiceSpec } from '../manifest/index.ts';
import { startProbeMonitor } from '../health/probe-monitor.ts';
import { waitUntilReady } from '../health/wait-ready.ts';
import { describeExit, isCleanExit, type ProcessExit } from '../process/exit-info.ts';
import { spawnProcess, type SpawnedProcess } from '../process/spawn-process.ts';
import { nextSpawnTurn } from '../process/spawn-turn.ts';
import { signalGroup } from '../process/signal-group.ts';
import { killGroupLeftovers, stopProcess } from '../process/stop-process.ts';
import { decideRestart, type EndCause } from '../restart/decide-restart.ts';
import type { LaunchSpec } from '../templates/resolve-launch.ts';
import { isBerthError, messageOf } from '../errors.ts';
import { captureOutput } from './capture-output.ts';
import type { RunnerContext } from './runner-context.ts';

/** Everything fixed about a service for the life of the supervisor. */
export interface RunnerSpec {
  readonly name: string;
  readonly spec: ServiceSpec;
  /** argv, env and cwd with templates resolved against the current port map. */
  readonly launch: () => LaunchSpec;
  /** The environment every run starts from (supervisor env minus undeclared secrets). */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** This service's ports now (they change when a bind failure re-allocates them). */
  readonly ports: () => Readonly<Record<string, number>>;
  readonly portUrls: () => ServiceStatus['ports'];
  /** Picks new ports for this service's range-allocated ports; false when none could move. */
  readonly reallocatePorts: () => Promise<boolean>;
  /** Resolves templates (`${node}`, `${ports.…}`…) in an exec probe's argv. */
  readonly resolveArgv: (argv: readonly string[]) => readonly string[];
}

/** How long an ended run's output may take to drain before its end is decided. */
const OUTPUT_DRAIN_MS = 250;

/** Output that says the process could not bind its port. */
const BIND_FAILURE = /EADDRINUSE|address already in use/i;

/** One live run: its process, record and the means to cancel what belongs to it. */
interface Run {
  /** Settles when the run's stdout and stderr have ended (all its output is captured). */
  outputDone: Promise<void>;
  /** The spawn in flight or done: null when it failed (a stop during the spawn awaits it). */
  spawned: Promise<SpawnedProcess | null>;
  readonly id: number;
  readonly abort: AbortController;
  child: SpawnedProcess | null;
  record: RunRecord | null;
  /** Settles once the start record is written (or failed): a short run may end before that. */
  recordWritten: Promise<void>;
  readonly startedAtMs: number;
  upSinceMs: number | null;
  endCause: EndCause | null;
  readonly disposers: Array<() => void>;
}

/** Supervises one service or task. */
export class ServiceRunner {
  private stateValue: ServiceState = 'pending';
  private reasonValue: string | null = null;
  private run: Run | null = null;
  private runCounter = 0;
  private backoffTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private recentEnds: number[] = [];
  private restarts = 0;
  private lastExit: ServiceStatus['lastExit'] = null;
  private startedAt: string | null = null;
  private readyAt: string | null = null;
  private previousRunId: string | null = null;
  private readonly lastLines: string[] = [];
  private stopping: Promise<void> | null = null;
  /** The previous run's end bookkeeping (its record), which the next run's start record follows. */
  private finishing: Promise<void> = Promise.resolve();
  /** What a person or the orchestrator wants: up (run it when possible) or down. */
  desired: 'up' | 'down' = 'up';
  /** Unmet dependencies and missing secrets, filled by the orchestrator. */
  waitingOn: readonly string[] = [];
  missingSecrets: string[] = [];

  readonly config: RunnerSpec;
  private readonly context: RunnerContext;

  constructor(config: RunnerSpec, context: RunnerContext) {
    this.config = config;
    this.context = context;
  }

  get name(): string {
    return this.config.name;
  }
  get kind(): 'service' | 'task' {
    return this.config.spec.kind;
  }
  get state(): ServiceState {
    return this.stateValue;
  }
  get pid(): number | null {
    return this.run?.child?.pid ?? null;
  }

  /** Moves to `to` and publishes the transition (no event when nothing changes). */
  setState(to: ServiceState, reason: string | null = null): void {
    const from = this.stateValue;
    if (from === to && this.reasonValue === reason) return;
    this.stateValue = to;
    this.reasonValue = reason;
    const at = new Date(this.context.now()).toISOString();
    if (to === 'ready' || to === 'running' || to === 'completed') this.readyAt = at;
    this.context.bus.publish({ type: 'state', service: this.name, from, to, at, reason, pid: this.pid });
  }

  /** The /status view of this service. */
  status(): ServiceStatus {
    const run = this.run;
    return {
      name: this.name,
      kind: this.kind,
      state: this.stateValue,
      pid: this.pid,
      ports: this.config.portUrls(),
      restarts: this.restarts,
      lastExit: this.lastExit,
      startedAt: this.startedAt,
      readyAt: this.readyAt,
      uptimeMs: run?.child ? this.context.now() - run.startedAtMs : null,
      reason: this.reasonValue,
      waitingOn: [...this.waitingOn],
      missingSecrets: this.missingSecrets,
      lastLines: this.stateValue === 'failed' || this.stateValue === 'backoff' ? [...this.lastLines] : [],
      dependsOn: this.config.spec.dependsOn,
      runId: run?.record?.runId ?? this.previousRunId,
    };
  }

  /** The orchestrator found dependencies and secrets met: start a run now. */
  activate(): void {
    if (this.run !== null || this.backoffTimer !== undefined || this.stopping !== null) return;
    void this.launch();
  }

  /** A person's start/restart: clears the crash-loop budget. */
  resetBudget(): void {
    this.attempt = 0;
    this.recentEnds = [];
  }

  /** Stops the service (reverse-order shutdown, a person's stop, a failed dependency). */
  async stop(reason: string, nextState: ServiceState = 'stopped', force = false): Promise<void> {
    this.clearBackoff();
    const run = this.run;
    if (run === null) {
      // Nothing runs: a finished task or an already stopped service keeps its state and reason.
      const settled = this.stateValue === 'completed' || this.stateValue === 'failed' || this.stateValue === 'stopped';
      if (!settled || nextState === 'pending') this.setState(nextState, reason);
      return;
    }
    if (this.stopping !== null) return this.stopping;
    this.stopping = (async () => {
      run.endCause = null;
      run.abort.abort();
      let exit: ProcessExit = { code: null, signal: null };
      // A spawn in flight is waited for, so its process is stopped too, never left behind.
      const child = run.child ?? (await run.spawned);
      if (child !== null) {
        this.setState('stopping', reason);
        const { signal, timeout } = this.config.spec.shutdown;
        exit = await stopProcess(child, force ? { signal: 'SIGKILL', graceMs: 0 } : { signal, graceMs: timeout });
      }
      await this.finishRun(run, exit, reason);
      this.setState(nextState, reason);
    })().finally(() => {
      this.stopping = null;
    });
    return this.stopping;
  }

  /** Kills the whole process group now (second Ctrl-C, fatal error). */
  async kill(reason: string): Promise<void> {
    const run = this.run;
    if (this.stopping !== null && run?.child) {
      signalGroup(run.child.pid, 'SIGKILL');
      return this.stopping;
    }
    return this.stop(reason, 'stopped', true);
  }

  private clearBackoff(): void {
    clearTimeout(this.backoffTimer);
    this.backoffTimer = undefined;
  }

  private async launch(): Promise<void> {
    this.clearBackoff();
    const run: Run = { id: ++this.runCounter, abort: new AbortController(), spawned: Promise.resolve(null), outputDone: Promise.resolve(), child: null, record: null, recordWritten: Promise.resolve(), startedAtMs: this.context.now(), upSinceMs: null, endCause: null, disposers: [] };
    this.run = run;
    this.startedAt = new Date(run.startedAtMs).toISOString();
    this.lastLines.length = 0;
    this.setState('starting', this.restarts > 0 ? `restart ${this.restarts}` : null);
    let child: SpawnedProcess;
    const spawning = (async () => {
      await nextSpawnTurn();
      const launch = this.config.launch();
      const env = { ...this.config.baseEnv, ...launch.env, ...(await this.context.secretEnv(this.name)) };
      return spawnProcess({ ...launch, env, where: `services.${this.name}` });
    })();
    run.spawned = spawning.catch(() => null);
    try {
      child = await spawning;
    } catch (error) {
      if (run.abort.signal.aborted) return; // stopped while spawning: stop() has settled the run
      this.lastLines.push(messageOf(error));
      await this.onEnd(run, { code: null, signal: null, error: isBerthError(error) ? error.message : messageOf(error) }, 'exited');
      return;
    }
    run.child = child;
    // stop() ran while the process was being spawned: it awaited `run.spawned` and stops this child.
    if (run.abort.signal.aborted) return;
    run.recordWritten = this.finishing
      .then(() => this.context.recordRunStart({ service: this.name, pid: child.pid, pgid: child.pgid, restartCount: this.restarts, previousRunId: this.previousRunId }))
      .then((record) => {
        run.record = record;
      })
      .catch((error: unknown) => this.context.logger.warn('run record not written', { service: this.name, error: messageOf(error) }));
    const readiness = this.config.spec.readiness;
    const logPattern = readiness?.log === undefined ? null : parseLogPattern(readiness.log);
    let logReady: (() => void) | null = null;
    run.outputDone = captureOutput(this.name, child, this.context, this.lastLines, (block) => {
      if (logReady !== null && logPattern !== null && block.split().some((line) => matchesLogPattern(logPattern, line))) logReady();
    });
    void child.exited.then((exit) => {
      if (this.run === run && !run.abort.signal.aborted) void this.onEnd(run, exit, run.endCause ?? 'exited');
    });
    if (this.kind === 'task') {
      this.armTaskTimeout(run);
      return;
    }
    if (readiness === undefined) {
      this.markUp(run, 'running');
      return;
    }
    if (logPattern !== null) {
      const timer = setTimeout(() => void this.failStart(run, `no output line matched ${readiness.log} within ${readiness.startTimeout} ms`), readiness.startTimeout);
      run.disposers.push(() => clearTimeout(timer));
      logReady = () => {
        logReady = null;
        clearTimeout(timer);
        this.markUp(run, 'ready');
      };
      return;
    }
    // The wait ends with the process too: a run that exited on its own must not go on probing its
    // port (every 2 ms at first) until startTimeout, nor count as waiting for everyone's cadence.
    const probing = new AbortController();
    const stopProbing = () => probing.abort();
    run.abort.signal.addEventListener('abort', stopProbing, { once: true });
    void child.exited.then(stopProbing);
    const outcome = await waitUntilReady(readiness, this.probeTarget(), probing.signal, this.config.resolveArgv);
    run.abort.signal.removeEventListener('abort', stopProbing);
    if (this.run !== run || run.abort.signal.aborted || probing.signal.aborted) return;
    if (outcome.ready) this.markUp(run, 'ready');
    else if (outcome.why === 'timeout') await this.failStart(run, `not ready within ${readiness.startTimeout} ms; last probe: ${outcome.lastError ?? 'none'}`);
  }

  private probeTarget(): { ports: Readonly<Record<string, number>>; cwd: string; env: Readonly<Record<string, string>> } {
    return { ports: this.config.ports(), cwd: this.config.launch().cwd, env: this.config.baseEnv };
  }

  private armTaskTimeout(run: Run): void {
    const timeout = this.config.spec.timeout;
    if (timeout === undefined) return;
    const timer = setTimeout(() => {
      run.endCause = 'start-timeout';
      this.lastLines.push(`task timed out after ${timeout} ms`);
      if (run.child !== null) void stopProcess(run.child, { signal: this.config.spec.shutdown.signal, graceMs: this.config.spec.shutdown.timeout });
    }, timeout);
    run.disposers.push(() => clearTimeout(timer));
  }

  /** The service came up: ready (probe passed) or running (no probe); start monitors. */
  private markUp(run: Run, state: 'ready' | 'running'): void {
    run.upSinceMs = this.context.now();
    this.setState(state, null);
    const target = this.probeTarget();
    const { liveness, readiness } = this.config.spec;
    if (liveness !== undefined && liveness.log === undefined) {
      run.disposers.push(
        startProbeMonitor(liveness, target, {
          onAttemptFailed: (message) => this.context.telemetry({ type: 'probe-failure', service: this.name, probe: 'liveness', message }),
          onFailing: (message, consecutive) => void this.failLiveness(run, `liveness failed ${consecutive} times: ${message}`),
          onRecovered: () => undefined,
        }, this.config.resolveArgv),
      );
    }
    if (readiness !== undefined && readiness.log === undefined) {
      run.disposers.push(
        startProbeMonitor(readiness, target, {
          onAttemptFailed: (message) => this.context.telemetry({ type: 'probe-failure', service: this.name, probe: 'readiness', message }),
          onFailing: (message) => this.run === run && this.setState('unhealthy', `readiness lost: ${message}`),
          onRecovered: () => this.run === run && this.setState('ready', null),
        }, this.config.resolveArgv),
      );
    }
  }

  private async failLiveness(run: Run, reason: string): Promise<void> {
    if (this.run !== run || run.child === null) return;
    run.endCause = 'liveness-failed';
    this.setState('unhealthy', reason);
    this.lastLines.push(reason);
    await stopProcess(run.child, { signal: this.config.spec.shutdown.signal, graceMs: this.config.spec.shutdown.timeout });
  }

  private async failStart(run: Run, reason: string): Promise<void> {
    if (this.run !== run || run.child === null) return;
    run.endCause = 'start-timeout';
    this.lastLines.push(reason);
    await stopProcess(run.child, { signal: this.config.spec.shutdown.signal, graceMs: this.config.spec.shutdown.timeout });
  }

  private async finishRun(run: Run, exit: ProcessExit, reason: string | null): Promise<void> {
    for (const dispose of run.disposers.splice(0)) dispose();
    this.lastExit = { code: exit.code, signal: exit.signal, at: new Date(this.context.now()).toISOString() };
    if (this.run === run) this.run = null;
    // Under load a run can end before its start record is written; its end must be recorded all the same.
    await run.recordWritten;
    this.previousRunId = run.record?.runId ?? this.previousRunId;
    if (run.record !== null) await this.context.recordRunEnd(run.record, exit, reason).catch(() => undefined);
  }

  /** A run ended on its own (exit, failed liveness, start timeout): decide what comes next. */
  private async onEnd(run: Run, exit: ProcessExit, cause: EndCause): Promise<void> {
    if (this.run !== run) return;
    // The leader ended on its own: what it left in its group (grandchildren) goes with it before
    // any restart, as systemd's control-group kill mode does (stop() does it through stopProcess).
    if (cause === 'exited') void killGroupLeftovers(run.child?.pgid ?? null);
    // The exit can overtake the last output (the pipes drain after it): wait briefly for it, so
    // the reason's last lines and the bind-failure check see everything the run printed.
    await Promise.race([run.outputDone, new Promise((resolve) => setTimeout(resolve, OUTPUT_DRAIN_MS).unref())]);
    if (this.run !== run || run.abort.signal.aborted) return;
    const now = this.context.now();
    const endReason = cause === 'exited' ? describeExit(exit) : cause;
    if (this.kind === 'task') {
      const ok = cause === 'exited' && isCleanExit(exit);
      await this.finishRun(run, exit, ok ? null : endReason);
      this.context.telemetry({ type: 'task-result', task: this.name, ok, exitCode: exit.code, durationMs: now - run.startedAtMs });
      this.setState(ok ? 'completed' : 'failed', ok ? null : `task failed: ${cause === 'start-timeout' ? `timed out after ${this.config.spec.timeout ?? 0} ms` : describeExit(exit)}`);
      return;
    }
    // Could not bind while starting: the next run gets fresh ports from the range (DESIGN §4).
    if (run.upSinceMs === null && this.lastLines.some((line) => BIND_FAILURE.test(line)) && (await this.config.reallocatePorts())) {
      this.context.logger.warn('port in use at bind; re-allocated', { service: this.name });
    }
    // A run that stayed up for resetAfter starts the backoff over (docker, systemd do the same).
    if (run.upSinceMs !== null && now - run.upSinceMs >= this.config.spec.restart.resetAfter) this.attempt = 0;
    const decision = decideRestart({ spec: this.config.spec.restart, exit, cause, recentEnds: this.recentEnds, attempt: this.attempt, nowMs: now, random: () => this.context.random() });
    // An immediate restart does not wait for the end record to reach the disk (an fsync under
    // load took tens of ms); the next run's start record is written after it (see launch()).
    this.finishing = this.finishRun(run, exit, decision.reason);
    if (decision.action !== 'restart' || decision.delayMs > 0) await this.finishing;
    // A stop (shutdown, a person's stop) that came while the run was being recorded wins: no restart.
    if (this.run !== null || this.stopping !== null || this.desired === 'down') return;
    if (decision.action === 'stay-down') {
      this.setState('stopped', decision.reason);
      return;
    }
    this.recentEnds = [...this.recentEnds.filter((at) => now - at <= this.config.spec.restart.window), now];
    if (decision.action === 'give-up') {
      this.setState('failed', decision.reason);
      return;
    }
    this.attempt += 1;
    this.restarts += 1;
    this.context.telemetry({ type: 'restart', service: this.name, attempt: decision.attempt + 1, delayMs: decision.delayMs, reason: decision.reason });
    this.setState('backoff', decision.reason);
    if (decision.delayMs === 0) {
      void this.launch();
      return;
    }
    this.backoffTimer = setTimeout(() => {
      this.backoffTimer = undefined;
      if (this.desired === 'up' && this.stateValue === 'backoff') void this.launch();
    }, decision.delayMs);
  }
}
