// Installs `window.berth` from inside the page's own world. contextBridge copies a rejected Error
// without its custom properties (so `code` would be lost); building the API in the main world
// lets the renderer catch real Errors with `code`. The function is serialised by
// `contextBridge.executeInMainWorld`, so it must not reference anything outside its own body.
import type { RuntimeClient } from '../../supervisor/src/control/contract.ts';
import type { IpcReply } from '../ipc/envelope.ts';

/** The preload-world side handed to the main world: methods resolve with envelopes, never reject. */
export type RawBerthApi = {
  [K in Exclude<keyof RuntimeClient, 'subscribe'>]: (...args: Parameters<RuntimeClient[K]>) => Promise<IpcReply<Awaited<ReturnType<RuntimeClient[K]>>>>;
} & { subscribe: RuntimeClient['subscribe'] };

/** Self-contained: unwraps envelopes into values or Errors with `code`, and defines globalThis.berth. */
export function installBerthInMainWorld(raw: RawBerthApi): void {
  const unwrap = async <T>(pending: Promise<IpcReply<T>>): Promise<T> => {
    const reply = await pending;
    if (reply.ok) return reply.value;
    const error = new Error(reply.error.message) as Error & { code: string };
    error.name = 'BerthError';
    error.code = reply.error.code;
    throw error;
  };
  const api: RuntimeClient = {
    status: () => unwrap(raw.status()),
    tailLogs: (service, lines) => unwrap(raw.tailLogs(service, lines)),
    runs: (service) => unwrap(raw.runs(service)),
    serviceAction: (service, action) => unwrap(raw.serviceAction(service, action)),
    submitSecrets: (values) => unwrap(raw.submitSecrets(values)),
    validate: () => unwrap(raw.validate()),
    shutdown: () => unwrap(raw.shutdown()),
    updates: () => unwrap(raw.updates()),
    checkUpdates: () => unwrap(raw.checkUpdates()),
    applyUpdate: (version) => unwrap(raw.applyUpdate(version)),
    // A fresh object of plain functions: contextBridge drops methods that live on a prototype.
    subscribe: (subscriber) =>
      raw.subscribe({
        onEvent: (event) => subscriber.onEvent(event),
        onResync: (resync) => subscriber.onResync?.(resync),
        onError: (error) => subscriber.onError?.(error),
      }),
  };
  Object.defineProperty(globalThis, 'berth', { value: Object.freeze(api), enumerable: true, configurable: false, writable: false });
}
