// Test helpers: run the built services as real child processes and always clean them up. Each
// test file makes one tracker; `afterEach(() => tracker.stopAll())` stops whatever a test left
// running (SIGTERM, then SIGKILL after a grace period), even when the test failed.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A Node with node:sqlite: the one running the tests when new enough, else the project's own (node_modules/.bin/node). */
export const NODE_BINARY = (() => {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 13)) return process.execPath;
  const local = `${root}node_modules/.bin/node`;
  return existsSync(local) ? local : process.execPath;
})();

/** How a process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running service under test. */
export interface ServiceProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first output line matching `pattern` (already printed or still to come). */
  waitForLine(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<Exit>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with how it ended. */
  stop(graceMs?: number): Promise<Exit>;
}

const matches = (line: string, pattern: string | RegExp): boolean => (typeof pattern === 'string' ? line.includes(pattern) : pattern.test(line));

/** Starts `node <script>` with only `env` (plus PATH) in its environment; `stdin: 'pipe'` as Berth gives it for `shutdown.stdin`. */
export function startProcess(script: string, env: Record<string, string>, stdin: 'ignore' | 'pipe' = 'ignore'): ServiceProcess {
  const child = spawn(NODE_BINARY, [script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: [stdin, 'pipe', 'pipe'],
  });
  let text = '';
  const lines: string[] = [];
  const waiters = new Set<{ pattern: string | RegExp; resolve: (line: string) => void }>();
  let pending = '';
  const onData = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    pending += chunk.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of waiters) {
        if (matches(line, waiter.pattern)) {
          waiters.delete(waiter);
          waiter.resolve(line);
        }
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: null, signal: null }));
  });

  return {
    child,
    output: () => text,
    exited,
    waitForLine(pattern, timeoutMs = 15_000) {
      const found = lines.find((line) => matches(line, pattern));
      if (found !== undefined) return Promise.resolve(found);
      return new Promise<string>((resolve, reject) => {
        const waiter = {
          pattern,
          resolve: (line: string) => {
            clearTimeout(timer);
            resolve(line);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no line matching ${String(pattern)} within ${timeoutMs} ms; output so far:\n${text}`));
        }, timeoutMs);
        waiters.add(waiter);
        void exited.then(() => {
          if (!waiters.has(waiter)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          reject(new Error(`the process exited before printing ${String(pattern)}; output:\n${text}`));
        });
      });
    },
    async stop(graceMs = 5_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        const exit = await exited;
        clearTimeout(timer);
        return exit;
      }
      return exited;
    },
  };
}

/** Runs `node <script>` to completion; rejects if it takes longer than `timeoutMs`. */
export async function runToCompletion(script: string, env: Record<string, string>, timeoutMs = 30_000): Promise<Exit & { output: string }> {
  const task = startProcess(script, env);
  const timer = setTimeout(() => task.child.kill('SIGKILL'), timeoutMs);
  try {
    const exit = await task.exited;
    return { ...exit, output: task.output() };
  } finally {
    clearTimeout(timer);
  }
}

/** Keeps every process a test file starts, so `stopAll()` can clean up after each test. */
export class ProcessTracker {
  readonly #running = new Set<ServiceProcess>();

  /** Starts a process and remembers it. */
  start(script: string, env: Record<string, string>, stdin: 'ignore' | 'pipe' = 'ignore'): ServiceProcess {
    const service = startProcess(script, env, stdin);
    this.#running.add(service);
    void service.exited.then(() => this.#running.delete(service));
    return service;
  }

  /** Stops every process still running. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#running].map((service) => service.stop(2_000)));
    this.#running.clear();
  }
}
