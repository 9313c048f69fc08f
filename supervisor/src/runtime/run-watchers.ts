// The probes of one run: readiness while it starts (polled, a log line, or READY=1 on the notify
// fd), then liveness and
// the readiness monitor once it is up. Everything stops when the run's scope aborts (the process
// is gone). What they see goes back to the machine as reports.
import { startProbeMonitor, type ProbeAttempt } from '../health/probe-monitor.ts';
import type { ProbeTarget } from '../health/probe-once.ts';
import { parseLogPattern } from '../manifest/index.ts';
import type { LifecycleReport } from './lifecycle/index.ts';
import type { RunHandle } from './run-handle.ts';
import type { ServiceDefinition } from './service-executor.ts';
import type { ServiceContext } from './service-context.ts';

/** The attempt, timed into berth_probe_duration_seconds (wall time: a probe's latency, not the schedule's). */
function timed(attempt: ProbeAttempt, context: ServiceContext, service: string, probe: 'readiness' | 'liveness'): ProbeAttempt {
  return async () => {
    const startedAt = performance.now();
    const outcome = await attempt();
    context.observe({ type: 'probe', service, probe, seconds: (performance.now() - startedAt) / 1000 });
    return outcome;
  };
}

/** Where a run's probes point: its ports, and the folder its launch (expanded once, at spawn) ran in. */
function probeTarget(definition: ServiceDefinition, handle: RunHandle): ProbeTarget {
  return { ports: definition.ports(), cwd: handle.cwd ?? definition.launch().cwd, env: definition.baseEnv };
}

/** Polls the readiness probe, or arms the log line, for this run; `onReady` once it passes. */
export function watchReadiness(definition: ServiceDefinition, context: ServiceContext, handle: RunHandle, onReady: () => void): void {
  const readiness = definition.spec.readiness;
  if (readiness === undefined) return;
  if (readiness.log !== undefined) {
    handle.logPattern = parseLogPattern(readiness.log);
    return;
  }
  if (readiness.notify !== undefined) {
    // The fd is read from the spawn on (the word may come before this effect): ready now, or when it comes.
    if (handle.notify.ready) onReady();
    else handle.notify.onReady = onReady;
    return;
  }
  const attempt = context.probes.attempt(readiness, probeTarget(definition, handle), definition.resolveArgv);
  const onFailed = (message: string) => {
    handle.probeError = message;
  };
  void context.probes.waitReady(readiness, attempt, handle.scope.signal, onFailed).then((ready) => {
    if (ready) onReady();
  });
}

/** Liveness (restarts) and the readiness monitor (unhealthy/ready), until the run ends. */
export function startRunMonitors(definition: ServiceDefinition, context: ServiceContext, handle: RunHandle, report: (report: LifecycleReport) => void): void {
  const { liveness, readiness } = definition.spec;
  const target = probeTarget(definition, handle);
  const service = definition.name;
  const run = handle.id;
  const stops: Array<() => void> = [];
  if (liveness !== undefined && liveness.log === undefined && liveness.notify === undefined) {
    const attempt = timed(context.probes.attempt(liveness, target, definition.resolveArgv), context, service, 'liveness');
    stops.push(
      startProbeMonitor(liveness, attempt, {
        onAttemptFailed: (message) => context.telemetry({ type: 'probe-failure', service, probe: 'liveness', message }),
        onFailing: (message, consecutive) => report({ type: 'liveness-failed', run, message, consecutive }),
        onRecovered: () => undefined,
      }, context.clock),
    );
  }
  if (readiness !== undefined && readiness.log === undefined && readiness.notify === undefined) {
    const attempt = timed(context.probes.attempt(readiness, target, definition.resolveArgv), context, service, 'readiness');
    stops.push(
      startProbeMonitor(readiness, attempt, {
        onAttemptFailed: (message) => context.telemetry({ type: 'probe-failure', service, probe: 'readiness', message }),
        onFailing: (message) => report({ type: 'readiness-lost', run, message }),
        onRecovered: () => report({ type: 'readiness-recovered', run }),
      }, context.clock),
    );
  }
  const stopAll = () => {
    for (const stop of stops) stop();
  };
  if (handle.scope.signal.aborted) stopAll();
  else handle.scope.signal.addEventListener('abort', stopAll, { once: true });
}
