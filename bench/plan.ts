// How much work each figure does: the full plan (`npm run bench`, < 10 minutes on 2 cores) and
// a quick plan for development (BENCH_QUICK=1). Pure.
import type { ListenerKind } from './scenarios/scenario.ts';

/** One size of the independent-services figure, with one listener fixture. */
export interface StartCase {
  readonly listener: ListenerKind;
  readonly count: number;
  readonly runs: number;
  /** Soft mark (s from the start): past it, repetitions beyond the first are skipped. */
  readonly markS: number;
  /** Past this mark (s from the start) the case is not run at all (informational rows only). */
  readonly skipAfterS?: number;
}

/** Sizes and repetitions of every figure. */
export interface BenchPlan {
  readonly startupRuns: number;
  /**
   * The independent-services runs, in order. The light-listener cases carry the figure's verdicts
   * (they measure the supervisor); the Node-listener cases are shown beside them.
   */
  readonly startCases: readonly StartCase[];
  readonly chainLevels: number;
  readonly chainDelayMs: number;
  /** Chain runs with the light listener (the verdict), then with the Node listener (shown beside). */
  readonly chainRuns: Readonly<Record<ListenerKind, number>>;
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
  /** Pairs of Notes hand-off and stop + start. */
  readonly handoffRuns: number;
  /**
   * Soft time marks (s from the start) per figure: past its mark, a figure skips repetitions
   * beyond the first, so `npm run bench` stays under 10 minutes on a busy 2-core machine.
   */
  readonly marksS: Readonly<Record<'startup' | 'chain' | 'restart' | 'shutdown' | 'log' | 'handoff', number>>;
}

/** The counts of the light-listener cases (the figure's verdicts), smallest first. */
export function headlineCounts(plan: BenchPlan): number[] {
  return [...new Set(plan.startCases.filter((entry) => entry.listener === 'light').map((entry) => entry.count))].sort((a, b) => a - b);
}

/**
 * The plan behind `npm run bench`. A full run on a busy 2-core machine (load average 8–17) took
 * 460 s with two Node-listener runs of 50: light 50 × 3 ≈ 30 s, light 200 × 2 ≈ 35 s, Node 50
 * ≈ 28 s a run, Node 200 ≈ 150 s, chain 9 s, restart/idle 39 s, shutdown 37 s, log 52 s,
 * latency 21 s, dashboard 10 s; `npm run bench` also builds first (≈ 60 s). The log figure now
 * runs equal work (timestamped pm2 and s6-log, Berth desktop; Berth headless and the plain peers
 * once; the node-cat floor): ≈ 60 s alone at load ≈ 3.5, pm2 `time: true` (≈ 15 MB/s) the
 * longest at ≈ 14 s a run.
 */
export const FULL_PLAN: BenchPlan = {
  startupRuns: 5,
  startCases: [
    { listener: 'light', count: 50, runs: 3, markS: 120 },
    { listener: 'light', count: 200, runs: 2, markS: 170 },
    // Shown beside the light rows, without a verdict. 200 Node services take ≈ 150 s for the four
    // supervisors on a busy 2-core machine: skipped when the run is already late.
    { listener: 'node', count: 50, runs: 1, markS: 200 },
    { listener: 'node', count: 200, runs: 1, markS: 330, skipAfterS: 170 },
  ],
  chainLevels: 10,
  chainDelayMs: 100,
  chainRuns: { light: 3, node: 1 },
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
  handoffRuns: 3,
  marksS: { startup: 45, chain: 330, restart: 380, shutdown: 420, log: 460, handoff: 520 },
};

/** A small plan for trying the harness out. */
export const QUICK_PLAN: BenchPlan = {
  ...FULL_PLAN,
  startupRuns: 2,
  startCases: [
    { listener: 'light', count: 5, runs: 1, markS: 0 },
    { listener: 'light', count: 20, runs: 1, markS: 0 },
    { listener: 'node', count: 5, runs: 1, markS: 0 },
    { listener: 'node', count: 20, runs: 1, markS: 0 },
  ],
  chainLevels: 4,
  chainRuns: { light: 1, node: 1 },
  restartServices: 3,
  shutdownServices: 5,
  shutdownRuns: 1,
  logMegabytes: 10,
  logRuns: 1,
  latencyServices: 5,
  latencyRequests: 200,
  peerLatencyRequests: 50,
  handoffRuns: 1,
};
