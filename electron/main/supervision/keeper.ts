// Keeps one supervisor running for the app's lifetime: launches it, restarts it with backoff when
// it dies on its own, reports a crash loop (or a fatal start error) once, and stops it on quit.
import { messageOf } from '../../../supervisor/src/control/client/index.ts';
import { ShellError, codeOf } from '../../ipc/errors.ts';
import { DEFAULT_RESTART_POLICY, decideRestart, isFatalExit, type RestartPolicy } from './restart-policy.ts';
import type { ExitResult, SupervisorProcess } from './spawn.ts';

/** What the keeper tells its owner. */
export type KeeperEvent =
  | { type: 'connected'; process: SupervisorProcess }
  | { type: 'died'; exit: ExitResult; restartInMs: number }
  | { type: 'failed'; error: ShellError };

/** Where the keeper is. */
export type KeeperState = 'idle' | 'starting' | 'connected' | 'backoff' | 'failed' | 'stopping' | 'stopped';

/** Options of createSupervisorKeeper. */
export interface SupervisorKeeperOptions {
  /** One launch attempt (spawn + handshake). */
  launch: () => Promise<SupervisorProcess>;
  onEvent: (event: KeeperEvent) => void;
  policy?: RestartPolicy;
  now?: () => number;
}

/** The keeper's handle. */
export interface SupervisorKeeper {
  start(): void;
  state(): KeeperState;
  current(): SupervisorProcess | null;
  /** Resolves with the connected supervisor, or rejects (SUPERVISOR_NOT_RUNNING) after timeoutMs. */
  whenConnected(timeoutMs: number): Promise<SupervisorProcess>;
  /** No more restarts; runs `shutdown` on the live process (if any) and resolves when it is gone. */
  stop(shutdown: (process: SupervisorProcess) => Promise<void>): Promise<void>;
}

/** Launch errors that restarting cannot fix. */
function isFatalLaunchError(error: unknown): boolean {
  const code = codeOf(error);
  if (code === 'SUPERVISOR_EXITED') return error instanceof ShellError && isFatalExit(error.exitCode);
  return true;
}

/** Creates a keeper (nothing runs until start()). */
export function createSupervisorKeeper(options: SupervisorKeeperOptions): SupervisorKeeper {
  const policy = options.policy ?? DEFAULT_RESTART_POLICY;
  const now = options.now ?? Date.now;
  const deaths: number[] = [];
  let state: KeeperState = 'idle';
  let live: SupervisorProcess | null = null;
  let pendingLaunch: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastError: ShellError | null = null;
  const waiters = new Set<{ resolve: (p: SupervisorProcess) => void; reject: (e: Error) => void }>();

  const fail = (error: ShellError) => {
    state = 'failed';
    lastError = error;
    for (const waiter of waiters) waiter.reject(error);
    waiters.clear();
    options.onEvent({ type: 'failed', error });
  };

  const onDeath = (exit: ExitResult | null, cause: unknown) => {
    if (state === 'stopping' || state === 'stopped') return;
    // The handshake comes as soon as the control API listens, before ports and secrets are
    // checked: start-up can still fail after it. Exit code 2 (invalid input) is as fatal then as
    // before the handshake; 1 (a busy port, say) is retried with backoff, as before it.
    if (exit !== null && isFatalExit(exit.code)) {
      fail(new ShellError('SUPERVISOR_EXITED', `The supervisor stopped during start-up with exit code ${exit.code}: the bundle or its configuration is invalid (see the supervisor log); not restarting it.`, { exitCode: exit.code }));
      return;
    }
    deaths.push(now());
    const decision = decideRestart(deaths, now(), policy);
    const how = exit ? (exit.signal ?? `code ${exit.code}`) : messageOf(cause);
    if (decision.action === 'give-up') {
      fail(new ShellError('SUPERVISOR_CRASH_LOOP', `The supervisor stopped ${decision.deathsInWindow} times within ${Math.round(policy.windowMs / 1000)} s (last: ${how}); not restarting it again.`, { cause, exitCode: exit?.code ?? null }));
      return;
    }
    state = 'backoff';
    options.onEvent({ type: 'died', exit: exit ?? { code: null, signal: null }, restartInMs: decision.delayMs });
    timer = setTimeout(() => {
      timer = null;
      launch();
    }, decision.delayMs);
  };

  const launch = () => {
    state = 'starting';
    pendingLaunch = options.launch().then(
      (process) => {
        pendingLaunch = null;
        if (state === 'stopping' || state === 'stopped') {
          live = process;
          return;
        }
        live = process;
        state = 'connected';
        for (const waiter of waiters) waiter.resolve(process);
        waiters.clear();
        options.onEvent({ type: 'connected', process });
        void process.exited.then((exit) => {
          if (live === process) live = null;
          onDeath(exit, null);
        });
      },
      (error: unknown) => {
        pendingLaunch = null;
        if (state === 'stopping' || state === 'stopped') return;
        if (isFatalLaunchError(error)) fail(error instanceof ShellError ? error : new ShellError('SPAWN_FAILED', messageOf(error), { cause: error }));
        else onDeath(null, error);
      },
    );
  };

  return {
    start() {
      if (state === 'idle') launch();
    },
    state: () => state,
    current: () => live,
    whenConnected(timeoutMs) {
      if (live && state === 'connected') return Promise.resolve(live);
      if (state === 'failed' && lastError) return Promise.reject(lastError);
      if (state === 'stopping' || state === 'stopped') return Promise.reject(new ShellError('SUPERVISOR_NOT_RUNNING', 'The supervisor is shutting down.'));
      return new Promise<SupervisorProcess>((resolve, reject) => {
        const waiter = {
          resolve: (process: SupervisorProcess) => { clearTimeout(waitTimer); resolve(process); },
          reject: (error: Error) => { clearTimeout(waitTimer); reject(error); },
        };
        const waitTimer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new ShellError('SUPERVISOR_NOT_RUNNING', `The supervisor is not running (waited ${timeoutMs} ms).`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async stop(shutdown) {
      if (state === 'stopped') return;
      state = 'stopping';
      if (timer) clearTimeout(timer);
      timer = null;
      for (const waiter of waiters) waiter.reject(new ShellError('SUPERVISOR_NOT_RUNNING', 'The supervisor is shutting down.'));
      waiters.clear();
      if (pendingLaunch) await pendingLaunch;
      const process = live;
      if (process && !process.hasExited()) await shutdown(process);
      live = null;
      state = 'stopped';
    },
  };
}
