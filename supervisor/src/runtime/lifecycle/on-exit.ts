// The end of a run: decide what comes next (a task's result, or the restart policy's verdict),
// record the end, then apply it. The outcome is applied once the end record is written, so
// whoever sees `failed` or `stopped` finds the run recorded; an immediate restart does not wait
// for the record (the next run's start record is written after it). Pure.
import { describeExit, isCleanExit } from '../../process/exit-info.ts';
import { decideRestart } from '../../restart/decide-restart.ts';
import type { Draft } from './draft.ts';
import type { LifecycleReport } from './lifecycle-events.ts';
import type { Outcome, Run } from './lifecycle-state.ts';

/** What the end of `run` (its exit set) leads to; resets the backoff after a long enough run. */
export function decideEnd(draft: Draft, run: Run): Outcome {
  const { config, state, nowMs } = draft;
  const exit = run.exit ?? { code: null, signal: null };
  if (config.kind === 'task') {
    const ok = run.endCause === null && isCleanExit(exit);
    const why = run.endCause === 'start-timeout' ? `timed out after ${config.taskTimeoutMs ?? 0} ms` : describeExit(exit);
    return { kind: 'task', ok, reason: ok ? null : `task failed: ${why}` };
  }
  // A run that stayed up for resetAfter starts the backoff over (docker and systemd do the same).
  const attempt = run.upSinceMs !== null && nowMs - run.upSinceMs >= config.restart.resetAfter ? 0 : state.attempt;
  if (attempt !== state.attempt) draft.set({ attempt });
  const decision = decideRestart({ spec: config.restart, exit, cause: run.endCause ?? 'exited', recentEnds: state.recentEnds, attempt, nowMs, random: draft.random });
  return { kind: 'decision', decision };
}

/** Applies an outcome: the run is over. */
function applyOutcome(draft: Draft, run: Run, outcome: Outcome): void {
  const { config, nowMs } = draft;
  draft.set({ run: null });
  if (outcome.kind === 'task') {
    const exit = run.exit ?? { code: null, signal: null };
    draft.emit({ type: 'telemetry', event: { type: 'task-result', task: config.name, ok: outcome.ok, exitCode: exit.code, durationMs: nowMs - run.startedAtMs } });
    draft.to(outcome.ok ? 'completed' : 'failed', outcome.reason);
    return;
  }
  const { decision } = outcome;
  if (decision.action === 'stay-down') {
    draft.to('stopped', decision.reason);
    return;
  }
  const window = config.restart.window;
  draft.set({ recentEnds: [...draft.state.recentEnds.filter((at) => nowMs - at <= window), nowMs] });
  if (decision.action === 'give-up') {
    draft.to('failed', decision.reason);
    return;
  }
  draft.set({ attempt: draft.state.attempt + 1, restarts: draft.state.restarts + 1 });
  draft.emit({ type: 'telemetry', event: { type: 'restart', service: config.name, attempt: decision.attempt + 1, delayMs: decision.delayMs, reason: decision.reason } });
  draft.to('backoff', decision.reason);
  if (decision.delayMs === 0) {
    draft.launch();
    return;
  }
  const token = draft.nextSerial();
  draft.set({ backoffToken: token }).emit({ type: 'arm-timer', timer: 'backoff', token, ms: decision.delayMs });
}

/** The reason written into the run's end record. */
function recordReason(outcome: Outcome): string | null {
  return outcome.kind === 'task' ? outcome.reason : outcome.decision.reason;
}

/** Records the end of `run` and applies `outcome` now (immediate restart, nothing to record) or once recorded. */
export function endRun(draft: Draft, run: Run, outcome: Outcome): void {
  const exit = run.exit ?? { code: null, signal: null };
  const recorded = run.pid !== null;
  const immediate = outcome.kind === 'decision' && outcome.decision.action === 'restart' && outcome.decision.delayMs === 0;
  if (recorded) draft.emit({ type: 'record-end', run: run.id, exit, reason: recordReason(outcome), then: !immediate });
  if (immediate || !recorded) applyOutcome(draft, run, outcome);
  else draft.set({ run: { ...run, outcome } });
}

/** The process of the current run is gone. */
export function applyExit(draft: Draft, report: Extract<LifecycleReport, { type: 'exited' }>): void {
  const run = draft.state.run;
  if (run === null || run.id !== report.run || run.exit !== null || run.pid === null) return;
  const ended: Run = { ...run, exit: report.exit };
  draft
    .set({ run: ended, lastExit: { code: report.exit.code, signal: report.exit.signal, atMs: draft.nowMs } })
    .emit({ type: 'cancel-timer', timer: 'start-timeout' })
    .emit({ type: 'cancel-timer', timer: 'task-timeout' });
  const landing = draft.state.landing;
  if (landing !== null) {
    draft.emit({ type: 'record-end', run: run.id, exit: report.exit, reason: landing.reason, then: true });
    return;
  }
  // Could not bind while starting: the next run gets fresh ports from the range (DESIGN §4).
  if (draft.config.kind === 'service' && run.upSinceMs === null && report.bindFailure) draft.emit({ type: 'reallocate-ports', run: run.id });
  endRun(draft, ended, decideEnd(draft, ended));
}

/** The end record of the run is written: apply the stop's landing or the outcome. */
export function applyRecorded(draft: Draft, report: Extract<LifecycleReport, { type: 'recorded' }>): void {
  const run = draft.state.run;
  if (run === null || run.id !== report.run || run.exit === null) return;
  const landing = draft.state.landing;
  if (landing !== null) draft.land(landing);
  else if (run.outcome !== null) applyOutcome(draft, run, run.outcome);
}
