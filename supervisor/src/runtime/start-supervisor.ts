// The fixed start-up sequence (DESIGN §2): validate manifest → acquire the state lock → open the
// control API (StartingRuntime answers until the runtime exists: /healthz at once, issue 9) →
// announce it (control.json, the desktop handshake) → reap orphans → upgrade backup → allocate
// ports → secrets → runners → start services by dependency → report.
// Everything opened is closed by `close()` in reverse order.
import { mkdir } from 'node:fs/promises';
import type { ServiceStatus } from '../control/contract.ts';
import { runPreflight, startControlServer, type ControlServer } from '../control/index.ts';
import type { RunConfig } from '../config/resolve-config.ts';
import { defaultStateDir } from '../config/default-state-dir.ts';
import type { Logger } from '../logging/logger.ts';
import { loadManifest, type LoadedManifest } from '../manifest/index.ts';
import { allocatePorts } from '../ports/allocate-ports.ts';
import { SecretStore } from '../secrets/index.ts';
import { acquireStateLock, type StateLock } from '../state/state-lock.ts';
import { statePaths, type StatePaths } from '../state/state-paths.ts';
import { EventBus } from '../events/index.ts';
import { readHeldServices, writeHeldServices } from '../state/held-services.ts';
import { composeServiceEnv, requireEnv, type ServiceEnvironment } from '../environment/index.ts';
import { MetricsRecorder } from '../metrics/index.ts';
import { makeReport } from '../report/index.ts';
import { buildServices } from './build-services.ts';
import { STOPPED_BY_PERSON } from './lifecycle/index.ts';
import type { Orchestrator } from './orchestrator.ts';
import { StartingRuntime } from './starting-runtime.ts';
import { SupervisorRuntime } from './supervisor-runtime.ts';
import type { SupervisionHooks } from './supervision-hooks.ts';
import type { HookLinks } from './create-supervision-hooks.ts';

/** A started supervisor: its runtime, its control server, and how to stop it. */
export interface StartedSupervisor {
  readonly runtime: SupervisorRuntime;
  readonly control: ControlServer;
  readonly paths: StatePaths;
  /** Stops every service (reverse order) and releases everything; idempotent. */
  close(reason: string): Promise<void>;
  /** Kills every service group at once, then releases everything (second Ctrl-C, fatal error). */
  kill(reason: string): Promise<void>;
}

/** Inputs of startSupervisor. */
export interface StartOptions {
  readonly config: RunConfig;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  /** What services' environments start from (env files, the server profile's allowlist); default: all of `env`. */
  readonly serviceEnv?: ServiceEnvironment;
  /** Where the control API listens and the API key it also accepts (default: 127.0.0.1, token only). */
  readonly access?: { readonly host: string; readonly apiKey: string | null };
  /** Serve the dashboard from this folder (dist/renderer next to the compiled supervisor). */
  readonly dashboardDir?: string;
  /** Called with the bus before any service starts (terminal printer, telemetry). */
  readonly attach?: (bus: EventBus, loaded: LoadedManifest, services: () => ServiceStatus[]) => void;
  /** Called as soon as the state dir exists (open the supervisor log there); `redact` is live. */
  readonly onStateDir?: (paths: StatePaths, redact: (text: string) => string) => void;
  /** Optional supervision pieces (run records, telemetry, tasks, orphans). */
  readonly hooks?: (paths: StatePaths, loaded: LoadedManifest, logger: Logger, links: HookLinks) => Promise<SupervisionHooks>;
  /**
   * Called once the control API listens, before the slow part of start-up (reaping, an upgrade
   * backup, ports, secrets, the services): tells clients where it is. Returns how to withdraw
   * that, run when the supervisor stops or start-up fails.
   */
  readonly announce?: (control: ControlServer, paths: StatePaths) => Promise<() => Promise<void>>;
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

/** Runs the start-up sequence up to "services are being started"; see waitForStartup. */
export async function startSupervisor(options: StartOptions): Promise<StartedSupervisor> {
  const { config, logger, env } = options;
  const startedAtMs = Date.now();
  const loaded = await loadManifest(config.bundlePath);
  const { manifest } = loaded;
  const serviceEnv = options.serviceEnv ?? composeServiceEnv({ profile: config.profile, supervisorEnv: env, envFiles: [], inherit: [] });
  requireEnv(manifest, serviceEnv);
  const paths = statePaths(config.stateDir ?? defaultStateDir(manifest.app.id, env));
  await Promise.all([paths.data, paths.logs, paths.runs].map((dir) => mkdir(dir, { recursive: true })));
  const lock: StateLock = await acquireStateLock(paths.lock);
  const late: { redact: (text: string) => string; orchestrator?: Orchestrator } = { redact: (text) => text };
  options.onStateDir?.(paths, (text) => late.redact(text));
  const cleanups: Array<() => Promise<void>> = [() => lock.release()];
  const unwind = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => logger.error('cleanup failed', { error: String(error) }));
  };
  const bus = new EventBus();
  const starting = new StartingRuntime({ loaded, paths, profile: config.profile, startedAtMs }, bus);
  try {
    const control = await startControlServer({
      runtime: starting,
      logger,
      ...(config.controlPort === undefined ? { range: manifest.control.range } : { port: config.controlPort }),
      ...(manifest.control.port !== undefined && config.controlPort === undefined ? { port: manifest.control.port } : {}),
      ...(config.dashboard && options.dashboardDir !== undefined ? { dashboardDir: options.dashboardDir } : {}),
      ...(options.access === undefined ? {} : { host: options.access.host, apiKey: options.access.apiKey }),
    });
    cleanups.push(() => control.close());
    if (options.announce !== undefined) cleanups.push(await options.announce(control, paths));
    // The hooks come before the runtime they serve (reaping and the upgrade backup happen before any
    // service starts), so what they need of it is bound once it exists.
    const links: HookLinks = {
      redact: (text) => late.redact(text),
      stopAll: async () => late.orchestrator?.stopAll('an upgrade task failed; restoring data/'),
      annotateFailure: (task, reason) => late.orchestrator?.annotate(task, reason),
    };
    const hooks = options.hooks === undefined ? null : await options.hooks(paths, loaded, logger, links);
    if (hooks !== null) cleanups.push(() => hooks.close());
    const ports = await allocatePorts(manifest);
    const secrets = await SecretStore.open({ secrets: manifest.secrets, stateDir: paths.root, env: serviceEnv.secretSource });
    if (options.access?.apiKey != null) secrets.redactor.add([options.access.apiKey]);
    late.redact = (text) => secrets.redactor.redact(text);
    cleanups.push(() => secrets.cleanup());
    const runtimeRef: { current?: SupervisorRuntime } = {};
    const metrics = new MetricsRecorder({ services: () => runtimeRef.current?.services() ?? [], startedAtMs });
    options.attach?.(bus, loaded, () => runtimeRef.current?.services() ?? []);
    hooks?.attach(bus);
    const { orchestrator, logs } = buildServices({ loaded, paths, ports, secrets, bus, logger, serviceEnv, hooks, observe: (observation) => metrics.observe(observation) });
    cleanups.push(async () => void (await Promise.all([...logs.values()].map((log) => log.close()))));
    late.orchestrator = orchestrator;
    await holdUnlessStopped(orchestrator, paths.heldFile, logger);
    secrets.onChange(() => orchestrator.schedule());
    const ui = manifest.ui;
    const runtime = new SupervisorRuntime(
      {
        loaded,
        paths,
        profile: config.profile,
        startedAtMs,
        ports,
        // Read from the live port map: a bind failure may move the ui service's port.
        get uiUrl() {
          const uiPort = ui === undefined ? undefined : ports[ui.service]?.[ui.port];
          return ui === undefined || uiPort === undefined ? null : `http://127.0.0.1:${uiPort}${ui.path}`;
        },
      },
      bus,
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
        metrics: () => metrics.render(),
        // The live report: /status and the pre-flight of now, redacted with every secret this run knows (prompted ones too).
        report: async (lines) => {
          const live = runtimeRef.current;
          const state = { live: true, status: live?.status() ?? null };
          const preflight = (await live?.validate()) ?? null;
          return makeReport({ stateDir: paths.root, manifestPath: loaded.path, state, preflight, redact: (text) => secrets.redactor.redact(text), lines }, manifest.app.id);
        },
      },
    );
    runtimeRef.current = runtime;
    cleanups.push(() => orchestrator.shutdown('supervisor stopping'));
    starting.ready(runtime);
    orchestrator.start();
    let closing: Promise<void> | null = null;
    const finish = (reason: string, kill: boolean) => {
      // A kill while a graceful stop runs (second Ctrl-C) SIGKILLs every group now, so the stop
      // in progress ends without waiting out the grace periods.
      if (kill && closing !== null) void orchestrator.killAll(reason);
      closing ??= (async () => {
        runtime.stopping = true;
        const stoppingAtMs = Date.now();
        bus.publish({ type: 'supervisor', state: 'stopping', at: new Date().toISOString() });
        if (kill) await orchestrator.killAll(reason);
        else await orchestrator.shutdown(reason);
        bus.publish({ type: 'supervisor', state: 'stopped', at: new Date().toISOString() });
        hooks?.shutdownDone(reason, Date.now() - stoppingAtMs);
        await unwind();
      })();
      return closing;
    };
    return { runtime, control, paths, close: (reason) => finish(reason, false), kill: (reason) => finish(reason, true) };
  } catch (error) {
    starting.failed(error);
    await unwind();
    throw error;
  }
}
