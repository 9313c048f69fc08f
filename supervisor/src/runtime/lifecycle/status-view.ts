// The /status view of one service, from its lifecycle and what the executor holds (ports, the
// last output lines, the run record's id). Pure.
import type { ServiceStatus } from '../../control/contract.ts';
import type { ServiceSpec } from '../../manifest/schema.ts';
import { livePid, type Lifecycle, type LifecycleConfig } from './lifecycle-state.ts';

/** What the executor knows that the machine does not. */
export interface StatusFacts {
  readonly nowMs: number;
  readonly ports: ServiceStatus['ports'];
  readonly lastLines: readonly string[];
  /** The current (or last) run record's id. */
  readonly runId: string | null;
  readonly dependsOn: ServiceSpec['dependsOn'];
  /** The last STATUS= line on the notify fd (readiness notify), redacted. */
  readonly notifyStatus?: string | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** GET /status's entry for one service. */
export function statusOf(config: LifecycleConfig, lifecycle: Lifecycle, facts: StatusFacts): ServiceStatus {
  const { phase, blockedBy, run, lastExit } = lifecycle;
  const pid = livePid(lifecycle);
  return {
    name: config.name,
    kind: config.kind,
    state: phase,
    pid,
    ports: facts.ports,
    restarts: lifecycle.restarts,
    lastExit: lastExit === null ? null : { code: lastExit.code, signal: lastExit.signal, at: new Date(lastExit.atMs).toISOString() },
    startedAt: iso(lifecycle.startedAtMs),
    readyAt: iso(lifecycle.readyAtMs),
    uptimeMs: pid === null || run === null ? null : facts.nowMs - run.startedAtMs,
    reason: lifecycle.reason,
    blockedBy,
    waitingOn: blockedBy?.kind === 'dependencies' ? blockedBy.on.map((dependency) => dependency.service) : [],
    missingSecrets: blockedBy?.kind === 'secrets' ? [...blockedBy.missing] : [],
    lastLines: phase === 'failed' || phase === 'backoff' ? [...facts.lastLines] : [],
    dependsOn: facts.dependsOn,
    runId: facts.runId,
    notifyStatus: facts.notifyStatus ?? null,
  };
}
