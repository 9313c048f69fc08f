// How much work each figure does: the full plan (`npm run bench`, < 10 minutes on 2 cores) and
// a quick plan for development (BENCH_QUICK=1). Pure.

/** Sizes and repetitions of every figure. */
export interface BenchPlan {
  readonly startupRuns: number;
  readonly counts: readonly [number, number];
  readonly startRuns: readonly [number, number];
  readonly chainLevels: number;
  readonly chainDelayMs: number;
  readonly chainRuns: number;
  readonly restartServices: number;
  readonly restartRuns: number;
  readonly settleMs: number;
  readonly shutdownServices: number;
  readonly shutdownRuns: number;
  readonly logMegabytes: number;
  readonly logRuns: number;
  readonly latencyServices: number;
  readonly latencyRequests: number;
  readonly peerLatencyRequests: number;
  /**
   * Soft time marks (s from the start) per figure: past its mark, a figure skips repetitions
   * beyond the first, so `npm run bench` stays under 10 minutes on a busy 2-core machine.
   */
  readonly marksS: Readonly<Record<'startup' | 'start50' | 'start200' | 'chain' | 'restart' | 'shutdown' | 'log', number>>;
}

/** The plan behind `npm run bench`. */
export const FULL_PLAN: BenchPlan = {
  startupRuns: 5,
  counts: [50, 200],
  startRuns: [3, 1],
  chainLevels: 10,
  chainDelayMs: 100,
  chainRuns: 3,
  restartServices: 10,
  restartRuns: 1,
  settleMs: 1500,
  shutdownServices: 50,
  shutdownRuns: 2,
  logMegabytes: 200,
  logRuns: 2,
  latencyServices: 20,
  latencyRequests: 2000,
  peerLatencyRequests: 300,
  marksS: { startup: 45, start50: 170, start200: 330, chain: 360, restart: 420, shutdown: 470, log: 520 },
};

/** A small plan for trying the harness out. */
export const QUICK_PLAN: BenchPlan = {
  ...FULL_PLAN,
  startupRuns: 2,
  counts: [5, 20],
  startRuns: [1, 1],
  chainLevels: 4,
  chainRuns: 1,
  restartServices: 3,
  shutdownServices: 5,
  shutdownRuns: 1,
  logMegabytes: 10,
  logRuns: 1,
  latencyServices: 5,
  latencyRequests: 200,
  peerLatencyRequests: 50,
};
