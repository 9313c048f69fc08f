import { describe, expect, it } from 'vitest';
import { createIsoClock } from './iso-clock.ts';

describe('createIsoClock', () => {
  it('formats the injected time and reuses the string within one millisecond', () => {
    let now = Date.UTC(2026, 10, 25, 15, 30, 12, 123);
    const clock = createIsoClock(() => now);
    const first = clock();
    expect(first).toBe('2026-11-25T15:30:12.123Z');
    expect(clock()).toBe(first);
    now += 1;
    expect(clock()).toBe('2026-11-25T15:30:12.124Z');
  });
});
