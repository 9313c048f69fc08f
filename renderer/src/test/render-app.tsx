// Renders the whole dashboard around a FakeRuntimeClient, at a given hash route.
import { render, type RenderResult } from '@testing-library/react';
import { App } from '../app.tsx';
import { RuntimeContext } from '../state/runtime-context.ts';
import { RuntimeStore } from '../state/runtime-store.ts';
import type { FakeRuntimeClient } from './fake-runtime-client.ts';

/** The rendered app plus its store (dispose it in afterEach through `cleanup`). */
export interface RenderedApp extends RenderResult {
  store: RuntimeStore;
}

const stores = new Set<RuntimeStore>();

/** Disposes every store created by renderApp (call in afterEach). */
export function disposeStores(): void {
  for (const store of stores) store.dispose();
  stores.clear();
}

/** Mounts <App> at `hash` with fast store timings. */
export function renderApp(client: FakeRuntimeClient, hash = '#/'): RenderedApp {
  window.history.replaceState(null, '', `/${hash}`);
  const store = new RuntimeStore(client, { refreshDelayMs: 5, retryMinMs: 20, retryMaxMs: 50, graceMs: 0 });
  store.start();
  stores.add(store);
  const result = render(
    <RuntimeContext value={store}>
      <App desktop={false} />
    </RuntimeContext>,
  );
  return { ...result, store };
}
