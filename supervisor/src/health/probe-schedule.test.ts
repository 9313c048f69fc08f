import { describe, expect, it } from 'vitest';
import { probeDelayMs } from './probe-schedule.ts';

describe('probeDelayMs', () => {
  it.each([
    { attempt: 0, interval: 1000, options: {}, delay: 5 },
    { attempt: 3, interval: 1000, options: {}, delay: 40 },
    { attempt: 6, interval: 1000, options: {}, delay: 320 },
    { attempt: 30, interval: 1000, options: {}, delay: 1000 },
    { attempt: 2, interval: 10, options: {}, delay: 10 },
    // cheap probes (http/tcp) stay fast during the first 10 s
    { attempt: 0, interval: 1000, options: { cheap: true, elapsedMs: 0 }, delay: 5 },
    { attempt: 6, interval: 1000, options: { cheap: true, elapsedMs: 2000 }, delay: 20 },
    { attempt: 30, interval: 1000, options: { cheap: true, elapsedMs: 9999 }, delay: 20 },
    { attempt: 30, interval: 10, options: { cheap: true, elapsedMs: 0 }, delay: 10 },
    // … then back off to the interval
    { attempt: 30, interval: 1000, options: { cheap: true, elapsedMs: 10_000 }, delay: 1000 },
    // exec probes always back off
    { attempt: 6, interval: 1000, options: { cheap: false, elapsedMs: 0 }, delay: 320 },
  ])('attempt $attempt, interval $interval, $options → $delay ms', ({ attempt, interval, options, delay }) => {
    expect(probeDelayMs(attempt, interval, options)).toBe(delay);
  });
});
