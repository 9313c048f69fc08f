// The bench run's shared context: the cleanup stack, the marked environment every process
// inherits, a private temp root (under BENCH_ROOT, else the OS temp folder) with a fresh directory
// per measurement, and progress output.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CleanupStack, MARK_VARIABLE } from './cleanup.ts';

/** Shared by every figure. */
export interface BenchContext {
  readonly cleanup: CleanupStack;
  readonly env: NodeJS.ProcessEnv;
  readonly root: string;
  /** A fresh empty directory for one measurement. */
  newDir(label: string): string;
  /** True once the run has used `seconds` (extra repetitions are skipped past a figure's mark). */
  pastMark(seconds: number): boolean;
  log(message: string): void;
}

/** Creates the context; the temp root is removed by the cleanup stack. */
export function createContext(log: (message: string) => void): BenchContext {
  // BENCH_ROOT moves the supervisors' state and logs off the OS temp folder (see fs-cost.ts).
  const root = mkdtempSync(join(process.env.BENCH_ROOT ?? tmpdir(), 'berth-bench-'));
  const mark = root.split('-').at(-1) ?? String(process.pid);
  const cleanup = new CleanupStack(`${mark}-${process.pid}`);
  cleanup.add('temp root', () => rmSync(root, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = { ...process.env, [MARK_VARIABLE]: cleanup.mark };
  // Keep children of the bench out of the parent's Node flags and debuggers.
  delete env.NODE_OPTIONS;
  let counter = 0;
  const began = performance.now();
  return {
    pastMark: (seconds) => performance.now() - began > seconds * 1000,
    cleanup,
    env,
    root,
    newDir(label) {
      counter += 1;
      const dir = join(root, `${String(counter).padStart(3, '0')}-${label}`);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    log,
  };
}
