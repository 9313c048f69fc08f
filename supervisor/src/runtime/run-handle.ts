// What the executor holds for one run of a service, beside the machine's view of it: the process,
// its run record, its output capture, and one AbortController that ends everything belonging to
// the run (probes, monitors, the log watch) when the process is gone.
import type { CancelTimer, Clock } from '../clock/clock.ts';
import type { RunRecord } from '../control/contract.ts';
import type { LogPattern } from '../manifest/log-pattern.ts';
import type { ServiceSpec } from '../manifest/schema.ts';
import { httpChannel, stdinChannel, type GracefulChannel } from '../process/graceful-channel.ts';
import type { Killer } from '../process/seam.ts';
import type { SpawnedProcess } from '../process/spawn-process.ts';
import { GroupStop, type ChannelFailed } from '../process/stop-process.ts';

/** How long an ended run's output may take to drain before its end is reported. */
export const OUTPUT_DRAIN_MS = 250;

/** Output that says the process could not bind its port. */
export const BIND_FAILURE = /EADDRINUSE|address already in use/i;

/** The graceful channel a service declares, for one run (its port as that run got it); null when none. */
export function channelFor(shutdown: ServiceSpec['shutdown'], child: SpawnedProcess, ports: Readonly<Record<string, number>>): GracefulChannel | null {
  if (shutdown.stdin) return stdinChannel(child.stdin);
  const port = shutdown.http === undefined ? undefined : ports[shutdown.http.port];
  return port === undefined || shutdown.http === undefined ? null : httpChannel(port, shutdown.http.path);
}

/** One run of a service as the executor holds it. */
export class RunHandle {
  readonly id: number;
  /** Aborted once the process is gone: probes, monitors and the log watch end with it. */
  readonly scope = new AbortController();
  child: SpawnedProcess | null = null;
  record: RunRecord | null = null;
  /** Settles once the start record is written (or failed): a short run may end before that. */
  recordWritten: Promise<void> = Promise.resolve();
  /** Settles when stdout and stderr have ended. */
  outputDone: Promise<void> = Promise.resolve();
  /** The log line that makes this run ready, while the machine waits for it. */
  logPattern: LogPattern | null = null;
  /** The last failed readiness attempt (named when the start timeout passes). */
  probeError: string | null = null;
  /** The stop of its process tree, once it has one. */
  groupStop: GroupStop | null = null;
  /** The folder it was started in (its probes run there): its launch, expanded once at spawn. */
  cwd: string | null = null;
  /** READY=1 seen on the notify fd, and who waits for it (run-watchers.ts). */
  readonly notify: { ready: boolean; onReady: (() => void) | null } = { ready: false, onReady: null };

  constructor(id: number) {
    this.id = id;
  }

  /** The process started: it can be stopped from now on (through `channel` first, when it has one). */
  started(child: SpawnedProcess, killer: Killer, clock: Clock, channel: GracefulChannel | null, onChannelFailed: ChannelFailed): void {
    this.child = child;
    this.groupStop = new GroupStop(killer, clock, child, channel, onChannelFailed);
  }

  /** The leader exited: ends what belongs to the run, kills what is left of its group, lets its output drain (bounded). */
  async settleExit(clock: Clock): Promise<void> {
    this.scope.abort();
    // A grandchild may still hold the notify pipe open: nothing it says counts any more.
    this.child?.notify?.destroy();
    let cancelDrain: CancelTimer = () => {};
    const drainLimit = new Promise<void>((resolve) => {
      cancelDrain = clock.setTimer(OUTPUT_DRAIN_MS, resolve);
    });
    // The exit can overtake the last output (the pipes drain after it): the reason's last lines
    // and the bind-failure check must see everything the run printed.
    await Promise.all([this.groupStop?.settle(), Promise.race([this.outputDone, drainLimit])]);
    cancelDrain();
  }
}
