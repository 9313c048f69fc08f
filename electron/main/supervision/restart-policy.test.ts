import { describe, expect, it } from 'vitest';
import { decideRestart, isFatalExit, type RestartPolicy } from './restart-policy.ts';

const policy: RestartPolicy = { baseDelayMs: 100, maxDelayMs: 1_000, maxDeaths: 3, windowMs: 10_000 };

describe('decideRestart', () => {
  it.each([
    [[0], 0, { action: 'restart', delayMs: 100, deathsInWindow: 1 }],
    [[0, 10], 10, { action: 'restart', delayMs: 200, deathsInWindow: 2 }],
    [[0, 10, 20], 20, { action: 'restart', delayMs: 400, deathsInWindow: 3 }],
    [[0, 10, 20, 30], 30, { action: 'give-up', deathsInWindow: 4 }],
    // Old deaths fall out of the window.
    [[0, 10, 20, 30], 10_025, { action: 'restart', delayMs: 100, deathsInWindow: 1 }],
  ])('deaths %j at %d → %j', (deaths, now, expected) => {
    expect(decideRestart(deaths, now, policy)).toEqual(expected);
  });

  it('caps the delay', () => {
    expect(decideRestart([0, 1, 2], 2, { ...policy, maxDeaths: 10, maxDelayMs: 150 })).toMatchObject({ delayMs: 150 });
  });

  it('treats exit code 2 (invalid input) as fatal', () => {
    expect(isFatalExit(2)).toBe(true);
    expect(isFatalExit(1)).toBe(false);
    expect(isFatalExit(null)).toBe(false);
  });
});
