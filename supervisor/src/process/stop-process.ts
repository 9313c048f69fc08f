// Stopping a service's process group: its stop signal to the whole group, a grace period, then
// SIGKILL to the group. After the leader exits, stragglers of the group (grandchildren) are
// killed too, so a stopped service never leaves a process or a held port behind. The signal and
// the leader's exit arrive as separate events in the runtime, so the stop is an object: `signal`
// starts it (or escalates it), `settle` finishes it once the leader is gone.
import type { CancelTimer, Clock } from '../clock/clock.ts';
import { isGroupAlive } from './process-alive.ts';
import type { Killer } from './seam.ts';
import { signalGroup } from './signal-group.ts';

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Kills whatever is left of the process group, and waits briefly until it is gone. */
export async function killGroupLeftovers(pgid: number | null): Promise<void> {
  if (pgid === null || !isGroupAlive(pgid)) return;
  signalGroup(pgid, 'SIGKILL');
  for (let waited = 0; waited < 2000 && isGroupAlive(pgid); waited += 10) await delay(10);
}

/** The stop of one process group (signal → grace → SIGKILL → leftovers). */
export class GroupStop {
  private readonly killer: Killer;
  private readonly clock: Clock;
  private readonly pid: number;
  private readonly pgid: number | null;
  private escalation: CancelTimer | null = null;

  constructor(killer: Killer, clock: Clock, process: { readonly pid: number; readonly pgid: number | null }) {
    this.killer = killer;
    this.clock = clock;
    this.pid = process.pid;
    this.pgid = process.pgid;
  }

  /** Sends `signal` (once), and SIGKILL after `graceMs`; SIGKILL (or no grace) kills at once. */
  signal(signal: NodeJS.Signals, graceMs: number): void {
    if (signal === 'SIGKILL' || graceMs <= 0) {
      this.escalation?.();
      this.killer.signal(this.pid, 'SIGKILL');
      return;
    }
    if (this.escalation !== null) return; // a graceful stop is already under way
    this.killer.signal(this.pid, signal);
    this.escalation = this.clock.setTimer(graceMs, () => this.killer.signal(this.pid, 'SIGKILL'));
  }

  /** The leader exited: no SIGKILL is owed any more; what is left of its group is killed. */
  async settle(): Promise<void> {
    this.escalation?.();
    await this.killer.killLeftovers(this.pgid);
  }
}
