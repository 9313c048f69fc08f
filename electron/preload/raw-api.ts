// The preload-world half of window.berth: invoke channels resolving with the reply envelope (never
// rejecting, so error codes survive the bridge), plus the push-event subscription.
import { errorReply, type IpcReply } from '../ipc/envelope.ts';
import { createBerthApi, type IpcRendererPort } from './api.ts';
import { invokeMethods } from './invoke-methods.ts';
import type { RawBerthApi } from './main-world.ts';

/** Builds the raw API over an ipcRenderer-like port. */
export function createRawBerthApi(ipc: IpcRendererPort): RawBerthApi {
  const call = async (channel: string, ...args: unknown[]): Promise<IpcReply<unknown>> => {
    try {
      const reply = await ipc.invoke(channel, ...args);
      if (typeof reply === 'object' && reply !== null && 'ok' in reply) return reply as IpcReply<unknown>;
      return errorReply(Object.assign(new Error('Malformed IPC reply'), { code: 'BAD_RESPONSE' }));
    } catch (error) {
      return errorReply(error);
    }
  };
  return {
    ...(invokeMethods(call) as unknown as Omit<RawBerthApi, 'subscribe'>),
    subscribe: createBerthApi(ipc).subscribe,
  };
}
