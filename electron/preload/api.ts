// The object the preload exposes as `window.berth`: exactly contract.ts's RuntimeClient, built on
// `ipcRenderer.invoke` (one channel per method) and the event push channels. No zod here: main
// validates every payload; this side only rebuilds errors.
import type { ResyncEvent, RuntimeClient, RuntimeEvent, Unsubscribe } from '../../supervisor/src/control/contract.ts';
import { EVENT_CHANNEL, EVENT_ERROR_CHANNEL, EVENT_RESYNC_CHANNEL } from '../ipc/channels.ts';
import { unwrapReply } from '../ipc/envelope.ts';
import { ShellError } from '../ipc/errors.ts';
import { invokeMethods } from './invoke-methods.ts';

/** The slice of ipcRenderer the API needs (a fake in tests). */
export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/** Builds window.berth over an ipcRenderer-like port. */
export function createBerthApi(ipc: IpcRendererPort): RuntimeClient {
  // Each method resolves with its reply's value; the reply's shape is main's to check (zod there).
  const requests = invokeMethods(async (channel, ...args) => unwrapReply(await ipc.invoke(channel, ...args))) as unknown as Omit<RuntimeClient, 'subscribe'>;
  return {
    ...requests,
    subscribe(subscriber): Unsubscribe {
      const listeners: Record<string, (event: unknown, payload: unknown) => void> = {
        [EVENT_CHANNEL]: (_event, payload) => subscriber.onEvent(payload as RuntimeEvent),
        [EVENT_RESYNC_CHANNEL]: (_event, payload) => subscriber.onResync?.(payload as ResyncEvent),
        [EVENT_ERROR_CHANNEL]: (_event, payload) => {
          const data = (payload ?? {}) as { code?: unknown; message?: unknown };
          subscriber.onError?.(new ShellError(typeof data.code === 'string' ? data.code : 'INTERNAL', typeof data.message === 'string' ? data.message : 'event stream dropped'));
        },
      };
      for (const [channel, listener] of Object.entries(listeners)) ipc.on(channel, listener);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        for (const [channel, listener] of Object.entries(listeners)) ipc.removeListener(channel, listener);
      };
    },
  };
}
