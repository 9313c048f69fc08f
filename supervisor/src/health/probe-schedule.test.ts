import { describe, expect, it } from 'vitest';
import { probeDelayMs } from './probe-schedule.ts';

describe('probeDelayMs', () => {
  it.each([
    // exec probes (and cheap ones without options) back off: 5, 10, 20 … ms up to the interval
    { attempt: 0, interval: 1000, options: {}, delay: 5 },
    { attempt: 3, interval: 1000, options: {}, delay: 40 },
    { attempt: 6, interval: 1000, options: {}, delay: 320 },
    { attempt: 30, interval: 1000, options: {}, delay: 1000 },
    { attempt: 2, interval: 10, options: {}, delay: 10 },
    { attempt: 6, interval: 1000, options: { cheap: false, elapsedMs: 0 }, delay: 320 },
    // cheap probes (http/tcp): every 2 ms during the first 2 s when few services wait …
    { attempt: 0, interval: 1000, options: { cheap: true, elapsedMs: 0 }, delay: 2 },
    { attempt: 200, interval: 1000, options: { cheap: true, elapsedMs: 1999, waiting: 1 }, delay: 2 },
    { attempt: 50, interval: 1000, options: { cheap: true, elapsedMs: 500, waiting: 5 }, delay: 2 },
    // … but 20 ms apart once a listener answers without passing (an http 503 while warming up)
    { attempt: 50, interval: 1000, options: { cheap: true, elapsedMs: 500, waiting: 1, answered: true }, delay: 20 },
    // … widened by the number of services waiting at once, at most 50 ms
    { attempt: 50, interval: 1000, options: { cheap: true, elapsedMs: 500, waiting: 10 }, delay: 4 },
    { attempt: 50, interval: 1000, options: { cheap: true, elapsedMs: 500, waiting: 50 }, delay: 20 },
    { attempt: 50, interval: 1000, options: { cheap: true, elapsedMs: 500, waiting: 200 }, delay: 50 },
    { attempt: 0, interval: 1, options: { cheap: true, elapsedMs: 0 }, delay: 1 },
    // then at most 20 ms apart until 10 s …
    { attempt: 6, interval: 1000, options: { cheap: true, elapsedMs: 2000 }, delay: 20 },
    { attempt: 30, interval: 1000, options: { cheap: true, elapsedMs: 9999 }, delay: 20 },
    { attempt: 30, interval: 10, options: { cheap: true, elapsedMs: 5000 }, delay: 10 },
    { attempt: 30, interval: 1000, options: { cheap: true, elapsedMs: 5000, waiting: 100 }, delay: 40 },
    // … then back off to the interval
    { attempt: 30, interval: 1000, options: { cheap: true, elapsedMs: 10_000 }, delay: 1000 },
  ])('attempt $attempt, interval $interval, $options → $delay ms', ({ attempt, interval, options, delay }) => {
    expect(probeDelayMs(attempt, interval, options)).toBe(delay);
  });
});
