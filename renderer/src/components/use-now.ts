// One shared clock for every ticking value on screen (uptimes, elapsed times): a single timer
// while anything listens, and only the components that show a time re-render each second.
import { useSyncExternalStore } from 'react';

const TICK_MS = 1000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const getNow = () => now;

/** `Date.now()`, refreshed every second while the component is mounted. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getNow);
}
