// `berth run`: the supervisor itself. Starts the bundle, reports progress for the profile, and
// stops everything on SIGINT/SIGTERM (a second Ctrl-C kills at once), on POST /shutdown, when
// its parent dies (desktop, --exit-with-parent), and on an uncaught error. Exit 0 after a clean
// stop, 1 after a failed start-up (everything started is stopped first), 2 for invalid input.
// Loaded by commands/run.ts only when `run` is the verb (a lighter start for every other one).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatControlReady, removeControlFile, writeControlFile } from '../control/index.ts';
import { resolveRunConfig, RunFlags, type RunConfig } from '../config/resolve-config.ts';
import { BerthError } from '../errors.ts';
import { loadLiveUpdate, TerminalReporter, type ReporterMode } from '../output/terminal-reporter.ts';
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

function failureSummary(failed: readonly { name: string; reason: string | null; lastLines: string[] }[]): string[] {
  return failed.flatMap((service) => [
    `berth: start-up failed: ${service.name}: ${service.reason ?? 'failed'}`,
    ...service.lastLines.slice(-10).map((line) => `  ${service.name} | ${line}`),
  ]);
}

/** Signals that stop the supervisor (a second one within the run kills at once). */
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Runs the supervisor until it is told to stop; resolves with the exit code. */
export async function runSupervisor(flags: RunFlags): Promise<number> {
  const config = resolveRunConfig(flags, process.env, process.cwd());
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
      reportError(error);
      void stop('uncaught error', 1, true).then(resolve);
    };
    process.on('uncaughtException', fatal);
    process.on('unhandledRejection', fatal);
  });

  const startup = await Promise.race([waitForStartup(runtime.events, () => runtime.services()), done.then(() => null)]);
  if (startup !== null) {
    if (startup.ok) view.reporter?.startupDone(startupSummary(started, startup.waitingForSecrets));
    else if (config.profile === 'desktop' || config.dashboard) view.reporter?.startupDone([...failureSummary(startup.failed), ...startupSummary(started)]);
    else {
      view.reporter?.startupDone([]);
      await stop('start-up failed', 1);
      // Reported after the stop, which waits for task bookkeeping: a failed upgrade task's reason
      // then says that data/ was restored and from which backup.
      const failed = runtime.services().filter((service) => service.state === 'failed');
      process.stderr.write(`${failureSummary(failed.length > 0 ? failed : startup.failed).join('\n')}\n`);
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
    process.exitCode = reportError(error);
  }
}
