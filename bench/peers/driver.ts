// The common shape of a supervisor under test: start a scenario, name the processes that are
// "the supervisor" (for RSS), shut down gracefully, and be destroyed on cleanup.
import type { CleanupStack } from '../lib/cleanup.ts';
import type { Scenario } from '../scenarios/scenario.ts';

/** The supervisors compared, and `floor`: a bare Node program doing only what any Node supervisor must (bench/fixtures/spawn-floor.mjs). */
export type PeerName = 'berth' | 'floor' | 'pm2' | 'supervisord' | 's6';

/** All of them, Berth first, then the floor it is held to. */
export const PEER_NAMES: readonly PeerName[] = ['berth', 'floor', 'pm2', 'supervisord', 's6'];

/** Inputs of a start. */
export interface StartRequest {
  readonly scenario: Scenario;
  /** A fresh private directory for this run's configuration, state and logs. */
  readonly dir: string;
  readonly cleanup: CleanupStack;
  /** The environment every process inherits (carries the bench marker). */
  readonly env: NodeJS.ProcessEnv;
}

/** A running supervisor. */
export interface PeerHandle {
  readonly name: PeerName;
  /** The processes counted as the supervisor (RSS), once they exist. */
  supervisorPids(): Promise<number[]>;
  /** Starts the graceful stop of everything; resolves when the supervisor itself has exited. */
  shutdown(timeoutMs: number): Promise<void>;
  /** Forceful cleanup; safe to call more than once. */
  destroy(): Promise<void>;
}

/** Starts a scenario under one supervisor; resolves as soon as it is launched (not ready). */
export interface PeerDriver {
  readonly name: PeerName;
  start(request: StartRequest): Promise<PeerHandle>;
}
