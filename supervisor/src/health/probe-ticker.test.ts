import { afterEach, describe, expect, it, vi } from 'vitest';
import { sleepOnTicker } from './probe-ticker.ts';

describe('sleepOnTicker', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('wakes sleepers in deadline order on one timer, and those due together at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const woken: string[] = [];
    const signal = new AbortController().signal;
    const sleeps = [
      sleepOnTicker(20, signal).then(() => woken.push('20')),
      sleepOnTicker(5, signal).then(() => woken.push('5')),
      sleepOnTicker(5.5, signal).then(() => woken.push('5.5')),
      sleepOnTicker(10, signal).then(() => woken.push('10')),
    ];
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(5);
    expect(woken).toEqual(['5', '5.5']);
    await vi.advanceTimersByTimeAsync(5);
    expect(woken).toEqual(['5', '5.5', '10']);
    await vi.advanceTimersByTimeAsync(10);
    await Promise.all(sleeps);
    expect(woken).toEqual(['5', '5.5', '10', '20']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an abort wakes the sleeper at once, and the last one gone clears the timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const controller = new AbortController();
    let woken = false;
    const sleep = sleepOnTicker(60_000, controller.signal).then(() => (woken = true));
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await sleep;
    expect(woken).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    await sleepOnTicker(10, controller.signal);
  });
});
