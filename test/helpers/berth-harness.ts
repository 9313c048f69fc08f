// Per-test set-up and the end-of-test guarantees of every runtime test: each supervisor the test
// started has exited, no process of any group it ever reported remains (checked, not assumed), and
// the temp folders are gone — in afterEach, so a failed test is cleaned up (and reported) too.
import { afterEach } from 'vitest';
import { BerthRun, type StartOptions } from './berth-run.ts';
import { ProcessTracker } from './process-groups.ts';
import { Sandbox } from './sandbox.ts';

/** What a test uses: sandboxes, supervisors, and clean-ups of its own (held ports…). */
export interface BerthHarness {
  sandbox(label: string): Promise<Sandbox>;
  start(sandbox: Sandbox, options?: StartOptions): BerthRun;
  /** Remembers a process the test learnt about otherwise (a grandchild a fixture printed). */
  trackPid(pid: number, what: string): void;
  /** Runs `cleanup` after the test, before the process checks. */
  defer(cleanup: () => Promise<void> | void): void;
}

/** Lets the supervisor finish on its own terms, then escalates: SIGTERM, a second signal, SIGKILL. */
async function ensureExited(run: BerthRun, problems: string[]): Promise<void> {
  if (run.exit !== null) return;
  run.signal('SIGTERM');
  if ((await Promise.race([run.exited, new Promise((done) => setTimeout(done, 15_000, null))])) !== null) return;
  problems.push(`supervisor ${run.pid} did not exit within 15 s of SIGTERM`);
  run.signal('SIGINT');
  if ((await Promise.race([run.exited, new Promise((done) => setTimeout(done, 5_000, null))])) !== null) return;
  run.signal('SIGKILL');
  await run.exited;
}

/** Registers the afterEach checks; call once at the top of a test file. */
export function useBerthHarness(): BerthHarness {
  let tracker = new ProcessTracker();
  let sandboxes: Sandbox[] = [];
  let runs: BerthRun[] = [];
  let cleanups: Array<() => Promise<void> | void> = [];

  afterEach(async () => {
    const problems: string[] = [];
    try {
      for (const cleanup of cleanups.reverse()) await cleanup();
      for (const run of runs) await ensureExited(run, problems);
      for (const run of runs) await run.trackRunRecords();
      const left = await tracker.waitGone(2_000);
      if (left.length > 0) {
        problems.push(`processes left behind: ${left.map((entry) => `${entry.what}: pids ${entry.pids.join(', ')}`).join('; ')}`);
        tracker.killAll();
      }
      if (problems.length > 0) problems.push(...runs.map((run) => run.output));
    } finally {
      await Promise.all(sandboxes.map((sandbox) => sandbox.remove()));
      tracker = new ProcessTracker();
      sandboxes = [];
      runs = [];
      cleanups = [];
    }
    if (problems.length > 0) throw new Error(problems.join('\n'));
  });

  return {
    async sandbox(label) {
      const sandbox = await Sandbox.create(label);
      sandboxes.push(sandbox);
      return sandbox;
    },
    start(sandbox, options = {}) {
      const run = new BerthRun(sandbox, tracker, options);
      runs.push(run);
      return run;
    },
    trackPid(pid, what) {
      tracker.addPid(pid, what);
    },
    defer(cleanup) {
      cleanups.push(cleanup);
    },
  };
}
