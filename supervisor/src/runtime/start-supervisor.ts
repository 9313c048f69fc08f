// The fixed start-up sequence (DESIGN §2): find the state dir → acquire the state lock → finish
// the rollback of a hand-off a crash cut short → choose the bundle (installed current version,
// seeded from the desktop app's, or the one at hand) → open the control API (RuntimeHost answers
// from now on: /healthz at once) → announce it (control.json, the desktop handshake) → open the
// bundle session (reap orphans, upgrade backup, ports, secrets, services in dependency order).
// Everything opened is closed by `close()` in reverse order.
import { mkdir } from 'node:fs/promises';
import { bundlePaths } from '../bundles/bundle-paths.ts';
import { chooseBundle, placeStateDir } from '../bundles/choose-bundle.ts';
import type { ServiceStatus } from '../control/contract.ts';
import { startControlServer, type ControlServer } from '../control/index.ts';
import type { RunConfig } from '../config/resolve-config.ts';
import { EventBus } from '../events/index.ts';
import { composeServiceEnv, requireEnv, type ServiceEnvironment } from '../environment/index.ts';
import type { Logger } from '../logging/logger.ts';
import { MetricsRecorder } from '../metrics/index.ts';
import { makeReport } from '../report/index.ts';
import type { LoadedManifest } from '../manifest/index.ts';
import { acquireStateLock } from '../state/state-lock.ts';
import { statePaths, type StatePaths } from '../state/state-paths.ts';
import { HandoffController } from '../updates/handoff-controller.ts';
import { recoverHandoff } from '../updates/handoff-journal.ts';
import { checkFeed } from '../updates/feed.ts';
import { openBundleSession, type BundleSession, type HooksFactory } from './bundle-session.ts';
import { RuntimeHost } from './runtime-host.ts';

/** A started supervisor: its runtime, its control server, and how to stop it. */
export interface StartedSupervisor {
  readonly runtime: RuntimeHost;
  readonly control: ControlServer;
  readonly paths: StatePaths;
  readonly updates: HandoffController;
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
  /** Called with the bus before any service starts (terminal printer). */
  readonly attach?: (bus: EventBus, loaded: LoadedManifest, services: () => ServiceStatus[]) => void;
  /** Called as soon as the state dir is ours (open the supervisor log there); `redact` is live. */
  readonly onStateDir?: (paths: StatePaths, redact: (text: string) => string) => void;
  /** Optional supervision pieces (run records, telemetry, tasks, orphans), per bundle session. */
  readonly hooks?: HooksFactory;
  /**
   * Called once the control API listens, before the slow part of start-up (reaping, an upgrade
   * backup, ports, secrets, the services): tells clients where it is. Returns how to withdraw
   * that, run when the supervisor stops or start-up fails.
   */
  readonly announce?: (control: ControlServer, paths: StatePaths) => Promise<() => Promise<void>>;
  /** A line a person must see (the log has it too): a rolled-back hand-off, a fallback to the known-good version. */
  readonly notice?: (line: string) => void;
  /** Test-only: called before the steps of installs and hand-offs (BERTH_TEST_PAUSE_AT). */
  readonly pauseAt?: (step: string) => Promise<void>;
}

/** Runs the start-up sequence up to "services are being started"; see waitForStartup. */
export async function startSupervisor(options: StartOptions): Promise<StartedSupervisor> {
  const { config, logger, env } = options;
  const startedAtMs = Date.now();
  const { stateDir, atHand } = await placeStateDir(config, env);
  const paths = statePaths(stateDir);
  const bundles = bundlePaths(stateDir);
  await Promise.all([paths.data, paths.logs, paths.runs].map((dir) => mkdir(dir, { recursive: true })));
  const lock = await acquireStateLock(paths.lock);
  const live: { redact: (text: string) => string; session: BundleSession | null } = { redact: (text) => text, session: null };
  options.onStateDir?.(paths, (text) => live.redact(text));
  const cleanups: Array<() => Promise<void>> = [() => lock.release()];
  const unwind = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => logger.error('cleanup failed', { error: String(error) }));
  };
  const bus = new EventBus();
  let host: RuntimeHost | null = null;
  try {
    const say = (line: string) => {
      logger.error(line, { concern: 'updates' });
      options.notice?.(line);
    };
    const recovery = await recoverHandoff(bundles, stateDir);
    if (recovery !== null) say(recovery.message);
    const choice = await chooseBundle(config, atHand, bundles, stateDir);
    if (choice.notice !== null) say(choice.notice);
    const { manifest } = choice.loaded;
    const serviceEnv = options.serviceEnv ?? composeServiceEnv({ profile: config.profile, supervisorEnv: env, envFiles: [], inherit: [] });
    // Before anything starts: every missing required variable, by path (exit 2).
    requireEnv(manifest, serviceEnv);
    host = new RuntimeHost({ loaded: choice.loaded, paths, profile: config.profile, startedAtMs }, bus);
    const control = await startControlServer({
      runtime: host,
      logger,
      ...(config.controlPort === undefined ? { range: manifest.control.range } : { port: config.controlPort }),
      ...(manifest.control.port !== undefined && config.controlPort === undefined ? { port: manifest.control.port } : {}),
      ...(config.dashboard && options.dashboardDir !== undefined ? { dashboardDir: options.dashboardDir } : {}),
      ...(options.access === undefined ? {} : { host: options.access.host, apiKey: options.access.apiKey }),
    });
    cleanups.push(() => control.close());
    if (options.announce !== undefined) cleanups.push(await options.announce(control, paths));
    const served = host;
    options.attach?.(bus, choice.loaded, () => served.services());
    // One metrics registry for the supervisor's life: a hand-off's new version carries on its counters.
    const metrics = new MetricsRecorder({ services: () => served.services(), startedAtMs });
    host.attachExtras({
      metrics: () => metrics.render(),
      // The live report: /status and the pre-flight of now, redacted with every secret this run knows (prompted ones too).
      report: async (lines) => {
        const session = live.session;
        const preflight = (await session?.runtime.validate()) ?? null;
        const redact = (text: string) => session?.runtime.secrets.redactor.redact(text) ?? text;
        return makeReport({ stateDir, manifestPath: session?.loaded.path ?? choice.loaded.path, state: { live: true, status: served.status() }, preflight, redact, lines }, manifest.app.id);
      },
    });
    const context = {
      paths, bus, logger, env, serviceEnv, profile: config.profile, startedAtMs,
      ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
      observe: metrics.observe.bind(metrics),
      apiKey: options.access?.apiKey ?? null,
      setRedact: (redact: (text: string) => string) => void (live.redact = redact),
      previousSecrets: () => live.session?.runtime.secrets ?? null,
    };
    const updates = new HandoffController({
      stateDir,
      paths: bundles,
      bus,
      logger: logger.child({ concern: 'updates' }),
      ...(options.pauseAt === undefined ? {} : { pauseAt: options.pauseAt }),
      check: (running) => checkFeed({ manifest: running.manifest, paths: bundles, stateDir, secret: (name) => live.session?.runtime.secrets.valueOf(name) }),
      open: async (loaded, backup) => {
        const session = await openBundleSession(context, loaded, backup === null ? { kind: 'take' } : { kind: 'taken', path: backup });
        live.session = session;
        served.serve(session.runtime);
        return session;
      },
    });
    host.attachUpdates(updates);
    cleanups.push(async () => {
      await updates.shutdown();
      await live.session?.close('supervisor stopping');
    });
    await updates.start(choice.loaded, choice.installed !== null, recovery);
    let closing: Promise<void> | null = null;
    const finish = (reason: string, kill: boolean) => {
      // A kill while a graceful stop runs (second Ctrl-C) SIGKILLs every group now.
      if (kill && closing !== null) void live.session?.kill(reason);
      closing ??= (async () => {
        served.stopping = true;
        bus.publish({ type: 'supervisor', state: 'stopping', at: new Date().toISOString() });
        const handoff = updates.shutdown();
        await (kill ? live.session?.kill(reason) : live.session?.close(reason));
        // A hand-off under way rolls its state back (as after a crash) and starts nothing more.
        await handoff;
        bus.publish({ type: 'supervisor', state: 'stopped', at: new Date().toISOString() });
        await unwind();
      })();
      return closing;
    };
    return { runtime: served, control, paths, updates, close: (reason) => finish(reason, false), kill: (reason) => finish(reason, true) };
  } catch (error) {
    host?.failed(error);
    await unwind();
    throw error;
  }
}
