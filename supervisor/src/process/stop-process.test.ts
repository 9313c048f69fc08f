// The stop sequence on the fake clock with a recording killer: channel → timeout → signal →
// timeout → SIGKILL, each step skipped once the leader has exited.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock/fake-clock.ts';
import type { GracefulChannel } from './graceful-channel.ts';
import type { Killer, TreeLeader } from './seam.ts';
import { GroupStop } from './stop-process.ts';

const LEADER: TreeLeader = { pid: 4242, pgid: 4242, spawnedAtMs: 1_000 };

/** A killer that records what it was asked, with the fake clock's reading. */
function recordingKiller(clock: FakeClock): Killer & { calls: string[] } {
  const calls: string[] = [];
  const start = clock.now();
  return {
    calls,
    signal: (pid, signal) => void calls.push(`${clock.now() - start} ${signal} ${pid}`),
    killLeftovers: async (leader) => void calls.push(`${clock.now() - start} leftovers ${leader.pid} ${leader.pgid} ${leader.spawnedAtMs}`),
  };
}

/** A channel whose answer the test gives (or never gives). */
function scriptedChannel(clock: FakeClock, calls: string[]): GracefulChannel & { answer(failure: string | null): void } {
  let answer: (failure: string | null) => void = () => {};
  const start = clock.now();
  return {
    label: 'close stdin',
    request: (timeoutMs) => {
      calls.push(`${clock.now() - start} channel ${timeoutMs}`);
      return new Promise((resolve) => {
        answer = resolve;
      });
    },
    answer: (failure) => answer(failure),
  };
}

function setup(withChannel: boolean) {
  const clock = new FakeClock();
  const killer = recordingKiller(clock);
  const failures: string[] = [];
  const channel = scriptedChannel(clock, killer.calls);
  const stop = new GroupStop(killer, clock, LEADER, withChannel ? channel : null, (label, why) => failures.push(`${label}: ${why}`));
  return { clock, calls: killer.calls, failures, channel, stop };
}

describe('GroupStop', () => {
  it('without a channel: the signal, then SIGKILL after the timeout; the exit ends the stop and kills the leftovers', async () => {
    const { clock, calls, stop } = setup(false);
    stop.signal('SIGTERM', 3_000);
    await clock.advance(2_999);
    expect(calls).toEqual(['0 SIGTERM 4242']);
    await clock.advance(1);
    expect(calls).toEqual(['0 SIGTERM 4242', '3000 SIGKILL 4242']);
    await stop.settle();
    expect(calls.at(-1)).toBe('3000 leftovers 4242 4242 1000');
  });

  it('with a channel: asked first; the signal only after the timeout; SIGKILL one more timeout later', async () => {
    const { clock, calls, stop, channel } = setup(true);
    stop.signal('SIGINT', 3_000);
    channel.answer(null);
    await clock.advance(2_999);
    expect(calls).toEqual(['0 channel 3000']);
    await clock.advance(1);
    expect(calls).toEqual(['0 channel 3000', '3000 SIGINT 4242']);
    await clock.advance(3_000);
    expect(calls).toEqual(['0 channel 3000', '3000 SIGINT 4242', '6000 SIGKILL 4242']);
  });

  it('a leader that exits on the channel gets no signal at all', async () => {
    const { clock, calls, stop, channel } = setup(true);
    stop.signal('SIGTERM', 3_000);
    channel.answer(null);
    await clock.advance(500);
    await stop.settle();
    await clock.advance(60_000);
    expect(calls).toEqual(['0 channel 3000', '500 leftovers 4242 4242 1000']);
    expect(clock.timers).toBe(0);
  });

  it('a channel that could not ask (refused, not 2xx, no stdin) moves on to the signal at once, and says why', async () => {
    const { clock, calls, stop, channel, failures } = setup(true);
    stop.signal('SIGTERM', 3_000);
    await clock.advance(200);
    channel.answer('POST http://127.0.0.1:47001/stop answered 404');
    await clock.advance(0);
    expect(calls).toEqual(['0 channel 3000', '200 SIGTERM 4242']);
    expect(failures).toEqual(['close stdin: POST http://127.0.0.1:47001/stop answered 404']);
    await clock.advance(3_000);
    expect(calls.at(-1)).toBe('3200 SIGKILL 4242');
    expect(clock.timers).toBe(0);
  });

  it('a channel that never answers does not hold the stop: the signal comes at the timeout', async () => {
    const { clock, calls, stop } = setup(true);
    stop.signal('SIGTERM', 1_000);
    await clock.advance(1_000);
    expect(calls).toEqual(['0 channel 1000', '1000 SIGTERM 4242']);
  });

  it('SIGKILL (or no grace) kills at once in any stage; a late channel failure sends nothing more', async () => {
    const { clock, calls, stop, channel } = setup(true);
    stop.signal('SIGTERM', 10_000);
    stop.signal('SIGTERM', 10_000);
    await clock.advance(100);
    stop.signal('SIGKILL', 0);
    channel.answer('its stdin is already closed');
    await clock.advance(60_000);
    expect(calls).toEqual(['0 channel 10000', '100 SIGKILL 4242']);
    expect(clock.timers).toBe(0);
  });

  it('after the exit, a request to stop does nothing', async () => {
    const { clock, calls, stop } = setup(true);
    await stop.settle();
    stop.signal('SIGTERM', 1_000);
    stop.signal('SIGKILL', 0);
    await clock.advance(5_000);
    expect(calls).toEqual(['0 leftovers 4242 4242 1000']);
  });
});
