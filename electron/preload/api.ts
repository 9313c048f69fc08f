// The object the preload exposes as `window.berth`: exactly contract.ts's RuntimeClient, built on
// `ipcRenderer.invoke` (one channel per method) and the event push channels. No zod here: main
// validates every payload; this side only rebuilds errors.
import type { RuntimeClient, RuntimeEvent, Unsubscribe } from '../../supervisor/src/control/contract.ts';
import { EVENT_CHANNEL, EVENT_ERROR_CHANNEL, INVOKE_CHANNELS } from '../ipc/channels.ts';
import { unwrapReply } from '../ipc/envelope.ts';
import { ShellError } from '../ipc/errors.ts';

/** The slice of ipcRenderer the API needs (a fake in tests). */
export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/** Builds window.berth over an ipcRenderer-like port. */
export function createBerthApi(ipc: IpcRendererPort): RuntimeClient {
  const call = async <T>(channel: string, ...args: unknown[]): Promise<T> => unwrapReply<T>(await ipc.invoke(channel, ...args));
  return {
    status: () => call(INVOKE_CHANNELS.status),
    tailLogs: (service, lines) => call(INVOKE_CHANNELS.tailLogs, service, lines),
    runs: (service) => call(INVOKE_CHANNELS.runs, service),
    serviceAction: (service, action) => call(INVOKE_CHANNELS.serviceAction, service, action),
    submitSecrets: (values) => call(INVOKE_CHANNELS.submitSecrets, values),
    validate: () => call(INVOKE_CHANNELS.validate),
    shutdown: () => call(INVOKE_CHANNELS.shutdown),
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
