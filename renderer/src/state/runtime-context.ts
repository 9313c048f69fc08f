// React access to the one RuntimeStore (and through it the RuntimeClient) of the dashboard.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { RuntimeClient } from '../../../supervisor/src/control/contract.ts';
import type { RuntimeSnapshot, RuntimeStore } from './runtime-store.ts';

/** Provided once by the app root. */
export const RuntimeContext = createContext<RuntimeStore | null>(null);

/** The store; throws when used outside the provider (a programming error). */
export function useStore(): RuntimeStore {
  const store = useContext(RuntimeContext);
  if (store === null) throw new Error('useStore outside <RuntimeContext>');
  return store;
}

/** The client the screens act through (IPC or HTTP; they never know which). */
export function useClient(): RuntimeClient {
  return useStore().client;
}

/** The live snapshot; re-renders when it changes. */
export function useRuntime(): RuntimeSnapshot {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
