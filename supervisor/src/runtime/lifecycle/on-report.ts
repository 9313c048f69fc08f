// What the executor's reports do to a lifecycle: the process spawned (or could not be), became
// ready, failed its liveness, ran out of time; timers fired. Exits are in on-exit.ts. Pure.
// Every report names the run (or timer token) it is about; reports about an earlier run are
// ignored, so a late probe result or timer never touches the run that replaced it.
import type { Draft } from './draft.ts';
import type { LifecycleReport } from './lifecycle-events.ts';
import type { Run } from './lifecycle-state.ts';
import { decideEnd, endRun } from './on-exit.ts';

/** The run a report is about, if it is still the current, living one. */
function current(draft: Draft, runId: number): Run | null {
  const run = draft.state.run;
  return run !== null && run.id === runId && run.exit === null ? run : null;
}

/** True while the run is neither being stopped nor ended by the machine. */
function undisturbed(draft: Draft, run: Run): boolean {
  return draft.state.landing === null && run.endCause === null;
}

function spawned(draft: Draft, run: Run, pid: number): void {
  draft.setRun({ pid });
  const landing = draft.state.landing;
  // A stop came while the process was being spawned: it is stopped now, never left behind.
  if (landing !== null) {
    draft.signalRun(run, landing.force);
    return;
  }
  const { config } = draft;
  if (config.kind === 'task') {
    if (config.taskTimeoutMs !== null) draft.emit({ type: 'arm-timer', timer: 'task-timeout', token: run.id, ms: config.taskTimeoutMs });
    return;
  }
  if (config.readiness === 'none') {
    draft.comeUp(run, 'running');
    return;
  }
  draft.emit({ type: 'watch-readiness', run: run.id }).emit({ type: 'arm-timer', timer: 'start-timeout', token: run.id, ms: config.startTimeoutMs });
}

function spawnFailed(draft: Draft, run: Run, message: string, cannotRun: boolean): void {
  draft.emit({ type: 'note', line: message });
  const landing = draft.state.landing;
  if (landing !== null) {
    draft.land(landing);
    return;
  }
  const exit = { code: null, signal: null, error: message };
  draft.set({ lastExit: { code: null, signal: null, atMs: draft.nowMs } });
  // A command that cannot run does not get better by retrying: failed at once, no crash loop.
  if (cannotRun) {
    draft.set({ run: null }).to('failed', message);
    return;
  }
  // Nothing was recorded for a run that never started: decide at once.
  const ended = { ...run, exit };
  draft.set({ run: ended });
  endRun(draft, ended, decideEnd(draft, ended));
}

/** The machine ends a run itself: a missed start timeout, a task over time, failed liveness. */
function endByMachine(draft: Draft, run: Run, cause: 'start-timeout' | 'liveness-failed', line: string): void {
  draft.setRun({ endCause: cause }).emit({ type: 'note', line });
  if (cause === 'liveness-failed') draft.to('unhealthy', line);
  draft.signalRun(run, false);
}

function timer(draft: Draft, report: Extract<LifecycleReport, { type: 'timer' }>): void {
  const { config, state } = draft;
  if (report.timer === 'backoff') {
    if (state.backoffToken !== report.token) return;
    draft.set({ backoffToken: null });
    if (state.wanted === 'up' && state.phase === 'backoff' && state.run === null) draft.launch();
    return;
  }
  const run = current(draft, report.token);
  if (run === null || run.pid === null || !undisturbed(draft, run)) return;
  if (report.timer === 'task-timeout') {
    endByMachine(draft, run, 'start-timeout', `task timed out after ${config.taskTimeoutMs ?? 0} ms`);
  } else if (run.upSinceMs === null) {
    const why =
      config.readiness === 'log' ? `no output line matched ${config.readinessPattern ?? ''} within ${config.startTimeoutMs} ms`
      : config.readiness === 'notify' ? `no READY=1 on the notify fd within ${config.startTimeoutMs} ms${report.detail == null ? '' : ` (${report.detail})`}`
      : `not ready within ${config.startTimeoutMs} ms; last probe: ${report.detail ?? 'none'}`;
    endByMachine(draft, run, 'start-timeout', why);
  }
}

/** Applies one report other than an exit. */
export function applyReport(draft: Draft, report: Exclude<LifecycleReport, { type: 'exited' | 'recorded' }>): void {
  if (report.type === 'timer') {
    timer(draft, report);
    return;
  }
  const run = current(draft, report.run);
  if (run === null) return;
  switch (report.type) {
    case 'spawned':
      if (run.pid === null) spawned(draft, run, report.pid);
      return;
    case 'spawn-failed':
      if (run.pid === null) spawnFailed(draft, run, report.message, report.cannotRun);
      return;
    case 'ready':
      if (run.pid !== null && run.upSinceMs === null && undisturbed(draft, run) && draft.state.phase === 'starting') draft.comeUp(run, 'ready');
      return;
    case 'liveness-failed':
      if (run.upSinceMs !== null && undisturbed(draft, run)) endByMachine(draft, run, 'liveness-failed', `liveness failed ${report.consecutive} times: ${report.message}`);
      return;
    case 'readiness-lost':
      if (draft.state.phase === 'ready' && undisturbed(draft, run)) draft.to('unhealthy', `readiness lost: ${report.message}`);
      return;
    case 'readiness-recovered':
      if (draft.state.phase === 'unhealthy' && undisturbed(draft, run)) draft.to('ready', null);
      return;
  }
}
