// The /events subscription: parses messages, skips junk, reports drops, reopens (resuming from
// the last id) when the browser gives up, passes `resync` on, and closes on unsubscribe.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RuntimeEvent } from '../../../supervisor/src/control/contract.ts';
import { errorCode } from './client-error.ts';
import { subscribeEventSource } from './event-source.ts';

/** Just enough of EventSource for the subscriber. */
class FakeSource extends EventTarget {
  readyState = 1;
  closed = false;
  onopen: (() => void) | null = null;
  onmessage: ((message: MessageEvent) => void) | null = null;
  onerror: (() => void) | null = null;
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  message(data: string, lastEventId = '') {
    this.onmessage?.(new MessageEvent('message', { data, lastEventId }));
  }
}

const state: RuntimeEvent = { type: 'state', service: 'api', from: 'starting', to: 'ready', at: '2026-11-25T10:00:00.000Z', reason: null, pid: 5 };

describe('subscribeEventSource', () => {
  let sources: { source: FakeSource; lastEventId: string | null }[];
  const open = (lastEventId: string | null) => {
    const source = new FakeSource();
    sources.push({ source, lastEventId });
    return source as unknown as EventSource;
  };
  beforeEach(() => {
    sources = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('delivers parsed events and skips malformed ones', () => {
    const events: RuntimeEvent[] = [];
    subscribeEventSource(open, (event) => events.push(event));
    sources[0]?.source.message(JSON.stringify(state), '1');
    sources[0]?.source.message('not json');
    sources[0]?.source.message(JSON.stringify({ type: 'nope' }));
    expect(events).toEqual([state]);
  });

  it('reports a drop and lets the browser retry while the source is open', () => {
    const onError = vi.fn();
    subscribeEventSource(open, () => undefined, onError);
    sources[0]?.source.onerror?.();
    expect(onError).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(60_000);
    expect(sources).toHaveLength(1);
  });

  it('reopens a closed source after a delay, resuming from the last id', () => {
    subscribeEventSource(open, () => undefined, () => undefined);
    const first = sources[0]?.source;
    first?.message(JSON.stringify(state), '41');
    if (first !== undefined) first.readyState = 2;
    first?.onerror?.();
    vi.advanceTimersByTime(499);
    expect(sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sources[1]?.lastEventId).toBe('41');
  });

  it('passes a resync event on as RESYNC', () => {
    const onError = vi.fn();
    subscribeEventSource(open, () => undefined, onError);
    sources[0]?.source.dispatchEvent(new MessageEvent('resync', { data: '{}' }));
    expect(errorCode(onError.mock.calls[0]?.[0])).toBe('RESYNC');
  });

  it('closes the source and stops retrying on unsubscribe', () => {
    const unsubscribe = subscribeEventSource(open, () => undefined, () => undefined);
    const first = sources[0]?.source;
    if (first !== undefined) first.readyState = 2;
    first?.onerror?.();
    unsubscribe();
    vi.advanceTimersByTime(60_000);
    expect(sources).toHaveLength(1);
    expect(first?.closed).toBe(true);
  });
});

describe('subscribeEventSource without a usable URL', () => {
  it('reports and retries instead of throwing', () => {
    vi.useFakeTimers();
    const onError = vi.fn();
    let attempts = 0;
    const unsubscribe = subscribeEventSource(
      () => {
        attempts++;
        throw new TypeError('Invalid URL');
      },
      () => undefined,
      onError,
    );
    expect(errorCode(onError.mock.calls[0]?.[0])).toBe('UNREACHABLE');
    vi.advanceTimersByTime(500);
    expect(attempts).toBe(2);
    unsubscribe();
    vi.useRealTimers();
  });
});
