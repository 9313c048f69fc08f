// One bundle version running under the supervisor: its supervision hooks (orphans, telemetry,
// tasks' `when` and upgrade backups, run records), ports, secrets, services and orchestrator.
// The supervisor opens one at start-up and, for a hand-off between versions, closes it and opens
// the next on the same control API, event bus and state dir. close() stops every service
// (dependents first) and releases what the session opened, in reverse order.
import { runPreflight } from '../control/index.ts';
import type { Profile } from '../config/resolve-config.ts';
import type { EventBus } from '../events/index.ts';
import type { Logger } from '../logging/logger.ts';
import type { LoadedManifest } from '../manifest/index.ts';
import { allocatePorts } from '../ports/allocate-ports.ts';
import { requireEnv, type ServiceEnvironment } from '../environment/index.ts';
import type { Observation } from '../metrics/index.ts';
import { SecretStore } from '../secrets/index.ts';
import { readHeldServices, writeHeldServices } from '../state/held-services.ts';
import type { StatePaths } from '../state/state-paths.ts';
import { buildServices } from './build-services.ts';
import type { HookLinks, TaskBackupMode } from './create-supervision-hooks.ts';
import { STOPPED_BY_PERSON } from './lifecycle/index.ts';
import type { Orchestrator } from './orchestrator.ts';
import type { SupervisionHooks } from './supervision-hooks.ts';
import { SupervisorRuntime } from './supervisor-runtime.ts';
import type { ReadyWatch } from '../updates/wait-all-ready.ts';

/** Builds the supervision hooks of a session (run records, telemetry, tasks, orphans). */
export type HooksFactory = (paths: StatePaths, loaded: LoadedManifest, logger: Logger, links: HookLinks, backup: TaskBackupMode) => Promise<SupervisionHooks>;

/** What every session of one supervisor shares. */
export interface SessionContext {
  readonly paths: StatePaths;
  readonly bus: EventBus;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  /** What services' environments start from (env files, the server profile's allowlist). */
  readonly serviceEnv: ServiceEnvironment;
  /** Told of every start and exit (metrics). */
  readonly observe?: (observation: Observation) => void;
  /** The control API's key, redacted from everything like a secret. */
  readonly apiKey?: string | null;
  readonly profile: Profile;
  readonly startedAtMs: number;
  readonly hooks?: HooksFactory;
  /** The live redactor for the supervisor's own log (the session's secrets). */
  readonly setRedact: (redact: (text: string) => string) => void;
  /** The secrets of the session before this one (prompted values carry over a hand-off). */
  readonly previousSecrets?: () => SecretStore | null;
}

/** A running bundle version. */
export interface BundleSession {
  readonly loaded: LoadedManifest;
  readonly runtime: SupervisorRuntime;
  readonly orchestrator: Orchestrator;
  /** What a wait for all-ready watches (the bus, the services, the session's end). */
  readonly watch: ReadyWatch;
  /** True while one of its tasks runs. */
  tasksRunning(): boolean;
  /** Stops every service (dependents first), then releases ports, secrets, logs and hooks. Idempotent. */
  close(reason: string): Promise<void>;
  /** Kills every service group at once, then releases everything. */
  kill(reason: string): Promise<void>;
}

/** Keeps services a person stopped under `unless-stopped` stopped, and records new holds. */
async function holdUnlessStopped(orchestrator: Orchestrator, heldFile: string, logger: Logger): Promise<void> {
  const held = await readHeldServices(heldFile);
  for (const name of held) {
    if (orchestrator.services.get(name)?.config.restart.policy !== 'unless-stopped') continue;
    orchestrator.hold(name, `${STOPPED_BY_PERSON} (unless-stopped); start it to run it again`);
  }
  orchestrator.onAction = (name, action) => {
    if (orchestrator.services.get(name)?.config.restart.policy !== 'unless-stopped') return;
    if (action === 'stop') held.add(name);
    else held.delete(name);
    writeHeldServices(heldFile, held).catch((error: unknown) => logger.warn('held.json not written', { error: String(error) }));
  };
}

function uiUrlOf(loaded: LoadedManifest, ports: Readonly<Record<string, Readonly<Record<string, number>>>>): string | null {
  const ui = loaded.manifest.ui;
  const port = ui === undefined ? undefined : ports[ui.service]?.[ui.port];
  return ui === undefined || port === undefined ? null : `http://127.0.0.1:${port}${ui.path}`;
}

/** Opens a session for `loaded` and starts its services; on failure releases what it opened. */
export async function openBundleSession(context: SessionContext, loaded: LoadedManifest, backup: TaskBackupMode = { kind: 'take' }): Promise<BundleSession> {
  const { paths, bus, logger, env } = context;
  const { manifest } = loaded;
  const cleanups: Array<() => Promise<void>> = [];
  const unwind = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => logger.error('cleanup failed', { error: String(error) }));
  };
  const late: { orchestrator?: Orchestrator; redact: (text: string) => string } = { redact: (text) => text };
  try {
    // The hooks come before the services they serve (reaping and the upgrade backup happen before
    // any service starts), so what they need of the orchestrator is bound once it exists.
    const links: HookLinks = {
      redact: (text) => late.redact(text),
      stopAll: async () => late.orchestrator?.stopAll('an upgrade task failed; restoring data/'),
      annotateFailure: (task, reason) => late.orchestrator?.annotate(task, reason),
    };
    const hooks = context.hooks === undefined ? null : await context.hooks(paths, loaded, logger, links, backup);
    if (hooks !== null) cleanups.push(() => hooks.close());
    const ports = await allocatePorts(manifest);
    // A version that needs a variable the operator did not give stops here (a hand-off rolls back).
    requireEnv(manifest, context.serviceEnv);
    const secrets = await SecretStore.open({ secrets: manifest.secrets, stateDir: paths.root, env: context.serviceEnv.secretSource });
    if (context.apiKey !== null && context.apiKey !== undefined) secrets.redactor.add([context.apiKey]);
    const previous = context.previousSecrets?.();
    if (previous !== null && previous !== undefined) secrets.adoptPrompted(previous);
    late.redact = (text) => secrets.redactor.redact(text);
    context.setRedact(late.redact);
    cleanups.push(() => secrets.cleanup());
    hooks?.attach(bus);
    const { orchestrator, logs } = buildServices({ loaded, paths, ports, secrets, bus, logger, serviceEnv: context.serviceEnv, hooks, ...(context.observe === undefined ? {} : { observe: context.observe }) });
    cleanups.push(async () => void (await Promise.all([...logs.values()].map((log) => log.close()))));
    late.orchestrator = orchestrator;
    await holdUnlessStopped(orchestrator, paths.heldFile, logger);
    secrets.onChange(() => orchestrator.schedule());
    const runtime = new SupervisorRuntime(
      { loaded, paths, profile: context.profile, startedAtMs: context.startedAtMs, ports, get uiUrl() { return uiUrlOf(loaded, ports); } },
      orchestrator,
      secrets,
      {
        tail: (service, lines) => (service === null ? [...logs.values()].flatMap((log) => log.tail(lines)).sort((a, b) => a.at.localeCompare(b.at)).slice(-lines) : (logs.get(service)?.tail(lines) ?? [])),
        runs: (service) => hooks?.runs(service) ?? Promise.resolve([]),
        preflight: () =>
          runPreflight({
            manifest,
            bundleDir: loaded.bundleDir,
            stateDir: paths.root,
            secrets,
            resolveCommand: (service) => {
              const launch = orchestrator.services.get(service)?.definition.launch();
              return { file: launch?.file ?? '', cwd: launch?.cwd ?? loaded.bundleDir };
            },
            ownPorts: new Set(Object.values(ports).flatMap((named) => Object.values(named))),
            env,
          }),
      },
    );
    let closing: Promise<void> | null = null;
    const ended = new AbortController();
    const finish = (reason: string, kill: boolean): Promise<void> => {
      ended.abort();
      // A kill while a graceful stop runs (second Ctrl-C) SIGKILLs every group now.
      if (kill && closing !== null) void orchestrator.killAll(reason);
      closing ??= (async () => {
        const stoppingAtMs = Date.now();
        if (kill) await orchestrator.killAll(reason);
        else await orchestrator.shutdown(reason);
        hooks?.shutdownDone(reason, Date.now() - stoppingAtMs);
        await unwind();
      })();
      return closing;
    };
    orchestrator.start();
    return {
      loaded,
      runtime,
      orchestrator,
      watch: { bus, services: () => runtime.services(), closed: ended.signal },
      tasksRunning: () => runtime.tasksRunning(),
      close: (reason) => finish(reason, false),
      kill: (reason) => finish(reason, true),
    };
  } catch (error) {
    await late.orchestrator?.shutdown('start-up failed');
    await unwind();
    throw error;
  }
}
