// The object the preload exposes as `window.berth`: exactly contract.ts's RuntimeClient, built on
// `ipcRenderer.invoke` (one channel per method) and the event push channels. No zod here: main
// validates every payload; this side only rebuilds errors.
import type { RuntimeClient, RuntimeEvent, Unsubscribe } from '../../supervisor/src/control/contract.ts';
import { EVENT_CHANNEL, EVENT_ERROR_CHANNEL } from '../ipc/channels.ts';
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
    subscribe(onEvent, onError): Unsubscribe {
      const eventListener = (_event: unknown, payload: unknown) => onEvent(payload as RuntimeEvent);
      const errorListener = (_event: unknown, payload: unknown) => {
        if (!onError) return;
        const data = (payload ?? {}) as { code?: unknown; message?: unknown };
        onError(new ShellError(typeof data.code === 'string' ? data.code : 'INTERNAL', typeof data.message === 'string' ? data.message : 'event stream dropped'));
      };
      ipc.on(EVENT_CHANNEL, eventListener);
      ipc.on(EVENT_ERROR_CHANNEL, errorListener);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        ipc.removeListener(EVENT_CHANNEL, eventListener);
        ipc.removeListener(EVENT_ERROR_CHANNEL, errorListener);
      };
    },
  };
}
