// What the control API says about the supervisor itself, the same before the runtime exists
// (StartingRuntime) and after (SupervisorRuntime). Pure.
import type { HealthResponse, OverallState, StatusResponse } from '../control/contract.ts';
import type { Profile } from '../config/resolve-config.ts';
import type { LoadedManifest } from '../manifest/index.ts';
import type { StatePaths } from '../state/state-paths.ts';
import { VERSION } from '../version.ts';

/** Known once the manifest is valid and the state dir is ours. */
export interface SupervisorFacts {
  readonly loaded: LoadedManifest;
  readonly paths: StatePaths;
  readonly profile: Profile;
  readonly startedAtMs: number;
}

/** GET /healthz. */
export function supervisorHealth(facts: Pick<SupervisorFacts, 'startedAtMs'>, nowMs: number): HealthResponse {
  return { ok: true, pid: process.pid, version: VERSION, uptimeMs: nowMs - facts.startedAtMs };
}

/** The `supervisor` part of GET /status. */
export function supervisorStatus(facts: SupervisorFacts, state: OverallState): StatusResponse['supervisor'] {
  const { paths, profile, startedAtMs } = facts;
  return { pid: process.pid, version: VERSION, profile, startedAt: new Date(startedAtMs).toISOString(), state, stateDir: paths.root, logsDir: paths.logs };
}
