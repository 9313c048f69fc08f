// Tells screen readers about state changes (aria-live), batched so a start-up of many services
// is a few sentences, not hundreds.
import { useEffect, useState } from 'react';
import type { StateEvent } from '../../../supervisor/src/control/contract.ts';
import { SERVICE_STATE_VIEW } from '../format/states.ts';
import { useStore } from '../state/runtime-context.ts';

const BATCH_MS = 800;
const MAX_NAMED = 3;

/** Sentence for a batch of state changes (the last change of each service wins). */
export function describeChanges(events: readonly StateEvent[]): string {
  const latest = new Map<string, StateEvent>();
  for (const event of events) latest.set(event.service, event);
  const changes = [...latest.values()];
  if (changes.length <= MAX_NAMED) {
    return changes.map((event) => `${event.service} is ${SERVICE_STATE_VIEW[event.to].label.toLowerCase()}.`).join(' ');
  }
  const failed = changes.filter((event) => event.to === 'failed').map((event) => event.service);
  const summary = `${changes.length} services changed state.`;
  return failed.length === 0 ? summary : `${summary} Failed: ${failed.join(', ')}.`;
}

/** Visually hidden polite live region fed by the store's state events. */
export function Announcer() {
  const store = useStore();
  const [message, setMessage] = useState('');
  useEffect(() => {
    let batch: StateEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = store.onEvent((event) => {
      if (event.type !== 'state') return;
      batch.push(event);
      timer ??= setTimeout(() => {
        timer = null;
        setMessage(describeChanges(batch));
        batch = [];
      }, BATCH_MS);
    });
    return () => {
      stop();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store]);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
