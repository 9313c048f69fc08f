// Stopping a service's process tree: its graceful channel if it declares one (POST, or stdin
// closed) and up to `graceMs` for the leader to exit; then its stop signal to the whole group (on
// Windows `taskkill /T`) and up to `graceMs` again; then SIGKILL to the group (`taskkill /T /F`).
// After the leader exits, stragglers of the group (grandchildren) are killed too, so a stopped
// service never leaves a process or a held port behind. The stop request and the leader's exit
// arrive as separate events in the runtime, so the stop is an object: `signal` starts it (or
// escalates it), `settle` finishes it once the leader is gone.
import type { CancelTimer, Clock } from '../clock/clock.ts';
import type { GracefulChannel } from './graceful-channel.ts';
import { isGroupAlive } from './process-alive.ts';
import type { Killer, TreeLeader } from './seam.ts';
import { signalGroup } from './signal-group.ts';

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Kills whatever is left of the process group, and waits briefly until it is gone (POSIX). */
export async function killGroupLeftovers(pgid: number | null): Promise<void> {
  if (pgid === null || !isGroupAlive(pgid)) return;
  signalGroup(pgid, 'SIGKILL');
  for (let waited = 0; waited < 2000 && isGroupAlive(pgid); waited += 10) await delay(10);
}

/** Where a stop is: not begun, waiting after the channel, after the signal, killed, or settled. */
type Stage = 'idle' | 'channel' | 'signal' | 'kill' | 'settled';

/** How a GroupStop reports a channel that could not ask (the signal follows at once). */
export type ChannelFailed = (label: string, why: string) => void;

/** The stop of one process tree (channel → grace → signal → grace → SIGKILL → leftovers). */
export class GroupStop {
  private readonly killer: Killer;
  private readonly clock: Clock;
  private readonly leader: TreeLeader;
  private readonly channel: GracefulChannel | null;
  private readonly onChannelFailed: ChannelFailed;
  private stage: Stage = 'idle';
  private escalation: CancelTimer | null = null;

  constructor(killer: Killer, clock: Clock, leader: TreeLeader, channel: GracefulChannel | null = null, onChannelFailed: ChannelFailed = () => {}) {
    this.killer = killer;
    this.clock = clock;
    this.leader = leader;
    this.channel = channel;
    this.onChannelFailed = onChannelFailed;
  }

  /**
   * A graceful stop (once): the channel first when there is one, `signal` after `graceMs` (at once
   * when the channel could not ask), SIGKILL `graceMs` after the signal. SIGKILL, or no grace,
   * kills at once, whatever stage the stop is in.
   */
  signal(signal: NodeJS.Signals, graceMs: number): void {
    if (this.stage === 'settled') return;
    if (signal === 'SIGKILL' || graceMs <= 0) {
      this.escalation?.();
      this.stage = 'kill';
      this.killer.signal(this.leader.pid, 'SIGKILL');
      return;
    }
    if (this.stage !== 'idle') return; // a graceful stop is already under way
    const channel = this.channel;
    if (channel === null) return this.sendSignal(signal, graceMs);
    this.stage = 'channel';
    this.escalation = this.clock.setTimer(graceMs, () => this.sendSignal(signal, graceMs));
    void channel.request(graceMs).then((failure) => {
      if (failure === null || this.stage !== 'channel') return;
      this.onChannelFailed(channel.label, failure);
      this.escalation?.();
      this.sendSignal(signal, graceMs);
    });
  }

  /** The leader exited: no signal is owed any more; what is left of its group is killed. */
  async settle(): Promise<void> {
    this.stage = 'settled';
    this.escalation?.();
    await this.killer.killLeftovers(this.leader);
  }

  private sendSignal(signal: NodeJS.Signals, graceMs: number): void {
    this.stage = 'signal';
    this.killer.signal(this.leader.pid, signal);
    this.escalation = this.clock.setTimer(graceMs, () => {
      this.stage = 'kill';
      this.killer.signal(this.leader.pid, 'SIGKILL');
    });
  }
}
