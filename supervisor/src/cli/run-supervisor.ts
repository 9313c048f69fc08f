// `berth run`: the supervisor itself. Starts the bundle, reports progress for the profile, and
// stops everything on SIGINT/SIGTERM (a second Ctrl-C kills at once), on POST /shutdown, when
// its parent dies (desktop, --exit-with-parent), and on an uncaught error. Exit 0 after a clean
// stop, 1 after a failed start-up (everything started is stopped first), 2 for invalid input.
// Loaded by commands/run.ts only when `run` is the verb (a lighter start for every other one).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatControlReady, removeControlFile, writeControlFile } from '../control/index.ts';
import { resolveControlAccess } from '../config/control-access.ts';
import { Profile, resolveRunConfig, RunFlags, type RunConfig } from '../config/resolve-config.ts';
import { composeServiceEnv, readEnvFiles } from '../environment/index.ts';
import { BerthError } from '../errors.ts';
import { formatServerLine } from '../logging/server-line.ts';
import { loadLiveUpdate, TerminalReporter, type ReporterMode } from '../output/terminal-reporter.ts';
import { trimHeapWhenSettled } from '../memory/trim-heap.ts';
import { startSupervisor, type StartedSupervisor } from '../runtime/start-supervisor.ts';
import { waitForStartup } from '../runtime/wait-for-startup.ts';
import { createRunLogger } from '../runtime/run-logger.ts';
import { createSupervisionHooks } from '../runtime/create-supervision-hooks.ts';
import { watchParent } from '../parent/index.ts';
import { reportError } from './report-error.ts';
import { testPause } from './test-pause.ts';

/** dist/renderer next to dist/supervisor (the compiled layout), when it was built. */
function findDashboardDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidate = join(here, '..', 'renderer');
  return existsSync(join(candidate, 'index.html')) ? candidate : undefined;
}

function reporterMode(config: RunConfig): ReporterMode {
  if (config.profile === 'desktop') return 'none';
  if (config.profile === 'server') return 'json';
  return process.stdout.isTTY === true ? 'tty' : 'plain';
}

function startupSummary(started: StartedSupervisor, waitingForSecrets: readonly string[] = []): string[] {
  const status = started.runtime.status();
  const lines =
    waitingForSecrets.length === 0
      ? [`${status.app.name} ${status.app.version} is up (${status.services.length} services, state dir ${started.paths.root})`]
      : [
          `${status.app.name} ${status.app.version} is waiting for secrets: ${waitingForSecrets.join(', ')}`,
          `  Give them in the dashboard, or: berth secrets set <NAME> --state-dir ${started.paths.root}   (value on stdin)`,
        ];
  if (status.uiUrl !== null) lines.push(`  App:        ${status.uiUrl}`);
  if (started.control.loginUrl !== undefined) lines.push(`  Dashboard:  ${started.control.loginUrl}`);
  lines.push(`  Control API: ${started.control.url} (token in ${started.paths.controlFile})`, '  Press Ctrl-C to stop.');
  return lines;
}

type FailedService = { name: string; reason: string | null; lastLines: string[] };

function failureSummary(failed: readonly FailedService[]): string[] {
  return failed.flatMap((service) => [
    `berth: start-up failed: ${service.name}: ${service.reason ?? 'failed'}`,
    ...service.lastLines.slice(-10).map((line) => `  ${service.name} | ${line}`),
  ]);
}

/** The server profile's one fatal line for a failed start-up (every failed service in it). */
function failureLine(failed: readonly FailedService[]): string {
  const msg = `berth: start-up failed: ${failed.map((service) => `${service.name} (${service.reason ?? 'failed'})`).join(', ')}`;
  const services = failed.map((service) => ({ name: service.name, reason: service.reason, lastLines: service.lastLines.slice(-10) }));
  return formatServerLine({ time: new Date().toISOString(), level: 'fatal', service: null, stream: 'supervisor', msg, exitCode: 1, services });
}

/** How fatal errors are written: one JSON line in the server profile, text otherwise. */
function errorFormat(profile: Profile | undefined): 'text' | 'json' {
  return profile === 'server' ? 'json' : 'text';
}

/** How long after start-up the heap is trimmed (the first probes of the monitors have run by then). */
const TRIM_AFTER_STARTUP_MS = 1000;

/** Signals that stop the supervisor (a second one within the run kills at once). */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Runs the supervisor until it is told to stop; resolves with the exit code. */
export async function runSupervisor(flags: RunFlags): Promise<number> {
  const config = resolveRunConfig(flags, process.env, process.cwd());
  const [envFiles, access] = await Promise.all([readEnvFiles(config.envFiles), resolveControlAccess(config, process.env)]);
  const serviceEnv = composeServiceEnv({ profile: config.profile, supervisorEnv: process.env, envFiles, inherit: config.inheritEnv });
  const logger = createRunLogger(config);
  const view: { reporter: TerminalReporter | null } = { reporter: null };
  // A signal during start-up (seconds with many services, the state dir's fsyncs queued behind
  // theirs) must not kill us with the default action and orphan every service group: note it,
  // and stop as soon as start-up has returned.
  let earlySignal: NodeJS.Signals | null = null;
  const onEarlySignal = (signal: NodeJS.Signals) => {
    earlySignal ??= signal;
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onEarlySignal);
  const liveUpdate = await loadLiveUpdate(reporterMode(config), process.stdout);
  const dashboardDir = findDashboardDir();
  const started = await startSupervisor({
    config,
    logger: logger.logger,
    env: process.env,
    serviceEnv,
    access,
    ...(dashboardDir === undefined ? {} : { dashboardDir }),
    hooks: createSupervisionHooks,
    onStateDir: (paths, redact) => logger.openFile(paths.logs, redact),
    attach: (bus, loaded, services) => {
      view.reporter = new TerminalReporter(reporterMode(config), process.stdout, Object.keys(loaded.manifest.services), services, liveUpdate);
      view.reporter.attach(bus);
    },
    // As soon as the API listens: clients (the desktop app, CLI verbs) then see start-up as it
    // happens, and a long step (an upgrade's data backup) never looks like a supervisor that
    // never answered. A failure after this exits as it would have before it (1, or 2 for invalid
    // input, which the desktop app never restarts); control.json is removed on every way out.
    ...testPause(process.env),
    // Beside the log: a person at a terminal (or reading a server's output) sees it too.
    ...(config.profile === 'desktop' ? {} : { notice: (line: string) => void process.stderr.write(`berth: ${line}\n`) }),
    announce: async (control, paths) => {
      await writeControlFile(paths.root, { url: control.url, token: control.token, pid: process.pid, startedAt: new Date().toISOString() });
      if (config.profile === 'desktop') process.stdout.write(formatControlReady({ url: control.url, token: control.token, pid: process.pid }));
      return () => removeControlFile(paths.root);
    },
  });
  const { runtime } = started;

  let exitCode = 0;
  let stopping: Promise<void> | null = null;
  const stop = (reason: string, code: number, kill = false): Promise<void> => {
    exitCode = Math.max(exitCode, code);
    if (kill && stopping !== null) return started.kill(reason);
    stopping ??= (async () => {
      logger.logger.info('stopping', { reason });
      await (kill ? started.kill(reason) : started.close(reason));
    })();
    return stopping;
  };
  // Start-up failures are start-up's own to report; --exit-on-failure watches from then on.
  let startupSettled = false;
  let markStartupDone = () => {};
  const startupDone = new Promise<void>((resolve) => (markStartupDone = resolve));
  const done = new Promise<void>((resolve) => {
    let interrupts = 0;
    let lastInterruptMs = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      // Ctrl-C reaches us from the terminal and again from wrappers (npm, npm start) forwarding
      // it: copies within 300 ms are one press, so only a real second press kills at once.
      const now = Date.now();
      if (now - lastInterruptMs < 300) return;
      lastInterruptMs = now;
      interrupts += 1;
      // A second Ctrl-C kills every process group at once.
      void stop(`received ${signal}`, interrupts > 1 ? 1 : 0, interrupts > 1).then(resolve);
    };
    for (const signal of STOP_SIGNALS) {
      process.on(signal, onSignal);
      process.off(signal, onEarlySignal);
    }
    if (earlySignal !== null) onSignal(earlySignal);
    runtime.onShutdownRequest = () => void stop('shutdown requested through the control API', 0).then(resolve);
    if (config.exitWithParent) {
      watchParent({ parentPid: process.ppid, stdin: process.stdin, onParentGone: (why: string) => void stop(`parent gone: ${why}`, 0, true).then(resolve) });
    }
    const fatal = (error: unknown) => {
      logger.logger.error('uncaught error; stopping every service', { error: String(error) });
      reportError(error, process.stderr, errorFormat(config.profile));
      void stop('uncaught error', 1, true).then(resolve);
    };
    process.on('uncaughtException', fatal);
    process.on('unhandledRejection', fatal);
    // --exit-on-failure: a service that gave up ends the run (exit 1), so an orchestrator's own
    // restart applies; without it the supervisor keeps serving and /readyz says 503.
    if (config.exitOnFailure) {
      const onFailed = (service: { name: string; reason: string | null }) => void stop(`${service.name} failed (--exit-on-failure): ${service.reason ?? 'failed'}`, 1).then(resolve);
      runtime.events.subscribe(({ event }) => {
        if (startupSettled && event.type === 'state' && event.to === 'failed' && !runtime.stopping) onFailed({ name: event.service, reason: event.reason });
      });
      void startupDone.then(() => {
        const failed = runtime.services().find((service) => service.state === 'failed');
        if (failed !== undefined && stopping === null) onFailed(failed);
      });
    }
  });

  const startup = await Promise.race([waitForStartup(runtime.events, () => runtime.services()), done.then(() => null)]);
  startupSettled = true;
  markStartupDone();
  // Start-up's allocation burst left V8's young generation grown: give it back once things are quiet.
  const cancelTrim = trimHeapWhenSettled(TRIM_AFTER_STARTUP_MS);
  void done.finally(cancelTrim);
  if (startup !== null) {
    if (startup.ok) view.reporter?.startupDone(startupSummary(started, startup.waitingForSecrets));
    else if (config.profile === 'desktop' || config.dashboard) view.reporter?.startupDone([...failureSummary(startup.failed), ...startupSummary(started)]);
    else {
      view.reporter?.startupDone([]);
      await stop('start-up failed', 1);
      // Reported after the stop, which waits for task bookkeeping: a failed upgrade task's reason
      // then says that data/ was restored and from which backup.
      const found = runtime.services().filter((service) => service.state === 'failed');
      const failed = found.length > 0 ? found : startup.failed;
      process.stderr.write(`${config.profile === 'server' ? failureLine(failed) : failureSummary(failed).join('\n')}\n`);
    }
  }
  // A failed start-up stopped everything itself; nothing else would ever settle `done`.
  if (stopping === null) await done.catch(() => undefined);
  await stopping;
  return exitCode;
}

/** The action of `berth run`: checks commander's options, runs, sets the exit code. */
export async function runCommand(options: Record<string, unknown>): Promise<void> {
  try {
    const parsed = RunFlags.safeParse(options);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BerthError('CONFIG_INVALID', `--${String(issue?.path[0] ?? 'option').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue?.message ?? 'invalid'}`);
    }
    process.exitCode = await runSupervisor(parsed.data);
  } catch (error) {
    const profile = Profile.safeParse(options.profile ?? process.env.BERTH_PROFILE);
    process.exitCode = reportError(error, process.stderr, errorFormat(profile.success ? profile.data : undefined));
  }
}
