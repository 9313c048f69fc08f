// The current route, re-rendering on `hashchange`.
import { useSyncExternalStore } from 'react';
import { parseHash, type Route } from './hash-route.ts';

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};
const getHash = () => window.location.hash;

/** The route the address bar points at. */
export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash);
  return parseHash(hash);
}
