// The preload-world half of window.berth: invoke channels resolving with the reply envelope (never
// rejecting, so error codes survive the bridge), plus the push-event subscription.
import { INVOKE_CHANNELS } from '../ipc/channels.ts';
import { errorReply, type IpcReply } from '../ipc/envelope.ts';
import { createBerthApi, type IpcRendererPort } from './api.ts';
import type { RawBerthApi } from './main-world.ts';

/** Builds the raw API over an ipcRenderer-like port. */
export function createRawBerthApi(ipc: IpcRendererPort): RawBerthApi {
  const call = async <T>(channel: string, ...args: unknown[]): Promise<IpcReply<T>> => {
    try {
      const reply = await ipc.invoke(channel, ...args);
      if (typeof reply === 'object' && reply !== null && 'ok' in reply) return reply as IpcReply<T>;
      return errorReply(Object.assign(new Error('Malformed IPC reply'), { code: 'BAD_RESPONSE' }));
    } catch (error) {
      return errorReply(error);
    }
  };
  return {
    status: () => call(INVOKE_CHANNELS.status),
    tailLogs: (service, lines) => call(INVOKE_CHANNELS.tailLogs, service, lines),
    runs: (service) => call(INVOKE_CHANNELS.runs, service),
    serviceAction: (service, action) => call(INVOKE_CHANNELS.serviceAction, service, action),
    submitSecrets: (values) => call(INVOKE_CHANNELS.submitSecrets, values),
    validate: () => call(INVOKE_CHANNELS.validate),
    shutdown: () => call(INVOKE_CHANNELS.shutdown),
    subscribe: createBerthApi(ipc).subscribe,
  };
}
