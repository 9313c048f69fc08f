// Everything the bench starts is undone here, even on failure: registered cleanups run in reverse
// order, then a sweep kills any process still carrying this run's marker in its environment
// (every supervisor and service inherits it), so nothing outlives `npm run bench`.
import { readdirSync, readFileSync } from 'node:fs';

/** Environment variable whose value marks the processes of one bench run. */
export const MARK_VARIABLE = 'BERTH_BENCH_MARK';

type Cleanup = () => Promise<void> | void;

/** A last-in-first-out stack of cleanups plus the marker sweep. */
export class CleanupStack {
  private readonly items: Array<{ label: string; run: Cleanup }> = [];
  readonly mark: string;

  constructor(mark: string) {
    this.mark = mark;
  }

  /** Registers a cleanup; returns a function that runs it now and unregisters it. */
  add(label: string, run: Cleanup): () => Promise<void> {
    const item = { label, run };
    this.items.push(item);
    return async () => {
      const index = this.items.indexOf(item);
      if (index >= 0) this.items.splice(index, 1);
      await run();
    };
  }

  /** Runs every cleanup (errors are reported, not thrown), then sweeps marked processes. */
  async runAll(report: (message: string) => void): Promise<void> {
    for (const item of this.items.splice(0).reverse()) {
      try {
        await item.run();
      } catch (error) {
        report(`cleanup "${item.label}" failed: ${String(error)}`);
      }
    }
    const left = markedPids(this.mark);
    for (const pid of left) killQuietly(pid, 'SIGKILL');
    if (left.length > 0) report(`cleanup: killed ${left.length} leftover process(es) of this run`);
  }
}

/** Sends a signal, ignoring "no such process". */
export function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Pids (other than ours) whose environment holds MARK_VARIABLE=mark. */
export function markedPids(mark: string): number[] {
  const needle = `${MARK_VARIABLE}=${mark}`;
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (environ.split('\0').includes(needle)) pids.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}
