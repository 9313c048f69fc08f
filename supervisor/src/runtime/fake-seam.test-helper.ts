// A whole runtime (orchestrator + executors + machines) on a fake seam: a fake clock, processes
// that exist only in memory, probes the test answers, and records kept in memory. What only real
// processes prove (groups, signals, pipes) stays in test/; everything about time is tested here,
// deterministic and in milliseconds.
import { PassThrough } from 'node:stream';
import { FakeClock } from '../clock/fake-clock.ts';
import type { RunRecord, RuntimeEvent, ServiceStatus } from '../control/contract.ts';
import { EventBus } from '../events/index.ts';
import { buildDependencyGraph } from '../graph/index.ts';
import type { ProbeOutcome } from '../health/probe-once.ts';
import type { Logger } from '../logging/logger.ts';
import { ServiceSpec, type Probe } from '../manifest/schema.ts';
import { BerthError } from '../errors.ts';
import type { ProcessExit } from '../process/exit-info.ts';
import type { Killer, Spawner } from '../process/seam.ts';
import type { SpawnedProcess, SpawnRequest } from '../process/spawn-process.ts';
import { Orchestrator, type TaskGate } from './orchestrator.ts';
import type { Observation } from '../metrics/index.ts';
import type { Probes, RunnerTelemetry, ServiceContext } from './service-context.ts';
import { ServiceExecutor } from './service-executor.ts';

/** What a fake process does when signalled: exit (as killed, or with a code), or ignore it. */
export type SignalReaction = 'die' | 'ignore' | { code: number };

/** A process that exists only in memory. */
export class FakeProcess implements SpawnedProcess {
  readonly pid: number;
  readonly pgid: number;
  readonly spawnedAtMs = 0;
  readonly service: string;
  /** A pipe when spawned with `stdin: 'pipe'` (shutdown.stdin), else null. */
  readonly stdin: PassThrough | null;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly notify = null;
  readonly exited: Promise<ProcessExit>;
  /** What reached it, in order: signals, and "stdin closed". */
  readonly signals: Array<NodeJS.Signals | 'stdin closed'> = [];
  /** How it answers SIGTERM (and any graceful signal); SIGKILL always kills. */
  onGraceful: SignalReaction = 'die';
  /** How it answers its stdin closing: exits 0 by default. */
  onStdinClosed: 'ignore' | { code: number } = { code: 0 };
  private settle: (exit: ProcessExit) => void = () => {};
  private alive = true;

  constructor(pid: number, service: string, stdin: boolean) {
    this.pid = pid;
    this.pgid = pid;
    this.service = service;
    this.stdin = stdin ? new PassThrough() : null;
    this.stdin?.resume().on('finish', () => {
      this.signals.push('stdin closed');
      if (this.onStdinClosed !== 'ignore') this.exit(this.onStdinClosed.code);
    });
    this.exited = new Promise((resolve) => {
      this.settle = resolve;
    });
  }

  get isAlive(): boolean {
    return this.alive;
  }

  /** Prints a line on stdout. */
  print(line: string): void {
    this.stdout.write(`${line}\n`);
  }

  /** Ends the process (its pipes close first, as the kernel does). */
  exit(code: number | null, signal: string | null = null): void {
    if (!this.alive) return;
    this.alive = false;
    this.stdout.end();
    this.stderr.end();
    this.settle({ code, signal });
  }

  receive(signal: NodeJS.Signals): void {
    this.signals.push(signal);
    if (signal === 'SIGKILL') return this.exit(null, 'SIGKILL');
    const reaction = this.onGraceful;
    if (reaction === 'die') this.exit(null, signal);
    else if (reaction !== 'ignore') this.exit(reaction.code);
  }
}

/** Spawns FakeProcesses; a command named in `missing` fails as ENOENT. */
export class FakeSpawner implements Spawner, Killer {
  readonly spawned: FakeProcess[] = [];
  readonly missing = new Set<string>();
  private nextPid = 1000;

  async spawn(request: SpawnRequest): Promise<SpawnedProcess> {
    await Promise.resolve();
    if (this.missing.has(request.file)) {
      const cause = Object.assign(new Error(`spawn ${request.file} ENOENT`), { code: 'ENOENT' });
      throw new BerthError('SPAWN_FAILED', `${request.where}: cannot run "${request.file}": not found (ENOENT)`, { cause });
    }
    const child = new FakeProcess(this.nextPid++, request.where.replace(/^services\./, ''), request.stdin === 'pipe');
    this.spawned.push(child);
    return child;
  }

  signal(pid: number, signal: NodeJS.Signals): void {
    this.spawned.find((child) => child.pid === pid)?.receive(signal);
  }

  async killLeftovers(): Promise<void> {}

  /** The processes of one service, oldest first. */
  of(service: string): FakeProcess[] {
    return this.spawned.filter((child) => child.service === service);
  }

  /** The living process of `service` (throws when there is none: the test expected one). */
  living(service: string): FakeProcess {
    const child = this.of(service).find((candidate) => candidate.isAlive);
    if (child === undefined) throw new Error(`no living process of ${service}`);
    return child;
  }
}

/** Probes whose answer the test sets per service (healthy by default once listening). */
export class FakeProbes implements Probes {
  readonly answers = new Map<string, ProbeOutcome>();
  private readonly clock: FakeClock;

  constructor(clock: FakeClock) {
    this.clock = clock;
  }

  set(service: string, ok: boolean, message = 'GET / answered 500'): void {
    this.answers.set(service, ok ? { ok: true } : { ok: false, message });
  }

  attempt(probe: Probe, target: { env: Readonly<Record<string, string>> }) {
    const service = target.env.BERTH_FAKE_SERVICE ?? '';
    return async () => this.answers.get(service) ?? { ok: false, message: 'ECONNREFUSED', refused: true };
  }

  async waitReady(_probe: Probe, attempt: () => Promise<ProbeOutcome>, signal: AbortSignal, onFailed: (message: string) => void): Promise<boolean> {
    while (!signal.aborted) {
      const outcome = await attempt();
      if (signal.aborted) return false;
      if (outcome.ok) return true;
      onFailed(outcome.message);
      await new Promise<void>((resolve) => this.clock.setTimer(10, resolve));
    }
    return false;
  }
}

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, child: () => silent };

/** A runtime over fakes, built from bundle.json-style service entries. */
export class FakeRuntime {
  readonly clock = new FakeClock();
  readonly spawner = new FakeSpawner();
  readonly probes = new FakeProbes(this.clock);
  readonly bus = new EventBus();
  readonly events: RuntimeEvent[] = [];
  readonly telemetry: RunnerTelemetry[] = [];
  /** Every metrics observation, in order. */
  readonly observations: Observation[] = [];
  readonly records: RunRecord[] = [];
  readonly orchestrator: Orchestrator;
  /** The jitter draw of every backoff. */
  random = 0.5;

  constructor(entries: Record<string, Record<string, unknown>>, options: { tasks?: TaskGate; secrets?: (service: string) => string[] } = {}) {
    this.bus.subscribe(({ event }) => this.events.push(event));
    const context: ServiceContext = {
      bus: this.bus,
      logger: silent,
      clock: this.clock,
      spawner: this.spawner,
      killer: this.spawner,
      probes: this.probes,
      random: () => this.random,
      redact: (text) => text,
      mayHoldSecret: () => false,
      secretTail: () => 0,
      appendLog: () => true,
      logDrained: async () => {},
      secretEnv: async () => ({}),
      recordRunStart: async (input) => this.record(input),
      recordRunEnd: async (record, exit, reason) => void Object.assign(record, { status: 'exited', exitCode: exit.code, signal: exit.signal, reason, endedAt: new Date(this.clock.now()).toISOString() }),
      telemetry: (event) => this.telemetry.push(event),
      observe: (observation) => void this.observations.push(observation),
    };
    const services = new Map<string, ServiceExecutor>();
    const specs = Object.fromEntries(Object.entries(entries).map(([name, fields]) => [name, ServiceSpec.parse({ command: [name], ...fields })]));
    for (const [name, spec] of Object.entries(specs)) {
      const launch = () => ({ file: spec.command[0] ?? name, args: spec.command.slice(1), env: {}, cwd: '/' });
      const definition = { name, spec, launch, baseEnv: { BERTH_FAKE_SERVICE: name }, overrideEnv: {}, ports: () => ({}), portUrls: () => ({}), reallocatePorts: async () => false, resolveArgv: (argv: readonly string[]) => argv };
      services.set(name, new ServiceExecutor(definition, context));
    }
    this.orchestrator = new Orchestrator(services, buildDependencyGraph(specs), this.bus, { missingFor: options.secrets ?? (() => []) }, options.tasks ?? null);
  }

  private record(input: { service: string; pid: number; pgid: number | null; restartCount: number; previousRunId: string | null }): RunRecord {
    const record: RunRecord = { runId: `run-${this.records.length + 1}`, service: input.service, pid: input.pid, pgid: input.pgid, processStartTicks: null, supervisorPid: 1, startedAt: new Date(this.clock.now()).toISOString(), endedAt: null, status: 'running', exitCode: null, signal: null, reason: null, restartCount: input.restartCount, previousRunId: input.previousRunId };
    this.records.push(record);
    return record;
  }

  /** Starts everything and lets it settle. */
  async start(): Promise<void> {
    this.orchestrator.start();
    await this.clock.advance(0);
  }

  /** Moves time (timers fire in order, promises settle between them). */
  advance(ms: number): Promise<void> {
    return this.clock.advance(ms);
  }

  status(name: string): ServiceStatus {
    const service = this.orchestrator.services.get(name);
    if (service === undefined) throw new Error(`no service ${name}`);
    return service.status();
  }

  /** The states `name` went through, in order. */
  states(name: string): string[] {
    return this.events.flatMap((event) => (event.type === 'state' && event.service === name ? [event.to] : []));
  }

  /** Spawn times of `name`'s processes, relative to the first. */
  spawnTimes(name: string): number[] {
    const times = this.records.filter((record) => record.service === name).map((record) => Date.parse(record.startedAt));
    return times.map((at) => at - (times[0] ?? 0));
  }
}
