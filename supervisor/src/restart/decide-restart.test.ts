import { describe, expect, it } from 'vitest';
import { RestartSpec } from '../manifest/schema.ts';
import { backoffCeilingMs, backoffDelayMs } from './backoff.ts';
import { decideRestart, type RestartInput } from './decide-restart.ts';

const spec = (input: object = {}) => RestartSpec.parse(input);
const crash = { code: 1, signal: null };
const clean = { code: 0, signal: null };
const base = (over: Partial<RestartInput>): RestartInput => ({ spec: spec(), exit: crash, cause: 'exited', recentEnds: [], attempt: 0, nowMs: 100_000, random: () => 1, ...over });

describe('backoff', () => {
  it.each([
    [0, 0],
    [1, 100],
    [2, 200],
    [3, 400],
    [10, 30_000],
    [40, 30_000],
  ])('attempt %i has ceiling %i ms with docker-like defaults', (attempt, ceiling) => {
    expect(backoffCeilingMs(attempt, { initial: 100, max: 30_000, factor: 2 })).toBe(ceiling);
  });
  it('applies full jitter within [0, ceiling]', () => {
    const b = { initial: 100, max: 30_000, factor: 2 };
    expect(backoffDelayMs(3, b, () => 0)).toBe(0);
    expect(backoffDelayMs(3, b, () => 0.5)).toBe(200);
    expect(backoffDelayMs(3, b, () => 1)).toBe(400);
  });
});

describe('decideRestart', () => {
  it.each([
    ['never', crash, 'give-up'],
    ['never', clean, 'stay-down'],
    ['on-failure', crash, 'restart'],
    ['on-failure', clean, 'stay-down'],
    ['always', clean, 'restart'],
    ['unless-stopped', clean, 'restart'],
    ['always', { code: null, signal: 'SIGKILL' }, 'restart'],
  ] as const)('policy %s with exit %o → %s', (policy, exit, action) => {
    expect(decideRestart(base({ spec: spec({ policy }), exit })).action).toBe(action);
  });

  it('restarts the first time immediately', () => {
    const decision = decideRestart(base({}));
    expect(decision).toMatchObject({ action: 'restart', delayMs: 0 });
  });

  it('restarts on liveness failure even under on-failure, and counts it', () => {
    const decision = decideRestart(base({ exit: { code: null, signal: 'SIGTERM' }, cause: 'liveness-failed', attempt: 2 }));
    expect(decision).toMatchObject({ action: 'restart', delayMs: 200 });
  });

  it('gives up as a crash loop when more than maxRestarts ends fall in the window', () => {
    const now = 100_000;
    const decision = decideRestart(base({ spec: spec({ maxRestarts: 5, window: '60s' }), recentEnds: [now - 50_000, now - 40_000, now - 30_000, now - 20_000, now - 10_000] }));
    expect(decision).toEqual({ action: 'give-up', reason: 'crash loop: 6 exits in 60 s, last exit code 1' });
  });

  it('forgets ends older than the window', () => {
    const now = 100_000;
    const decision = decideRestart(base({ spec: spec({ maxRestarts: 2, window: '10s' }), recentEnds: [now - 50_000, now - 40_000, now - 5000] }));
    expect(decision.action).toBe('restart');
  });
});
