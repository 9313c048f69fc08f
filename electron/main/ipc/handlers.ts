// One `ipcMain.handle` per RuntimeClient method: the sender must be one of our windows showing
// one of our origins, the payload must parse, and the reply is always an envelope.
import type { RuntimeClient } from '../../../supervisor/src/control/contract.ts';
import { INVOKE_CHANNELS, INVOKE_METHODS, type InvokeMethod } from '../../ipc/channels.ts';
import { errorReply, okReply, type IpcReply } from '../../ipc/envelope.ts';
import { ShellError } from '../../ipc/errors.ts';
import type { ElectronApi, InvokeEventLike } from '../electron-api.ts';
import { INVOKE_ARGS } from './payloads.ts';

/** Who may call: the webContents ids of our windows and the origins they may show. */
export interface SenderPolicy {
  windowIds(): readonly number[];
  /** The dashboard origin only: the bundle's ui service gets no preload API. */
  origins(): readonly string[];
}

/** Whether an invoke event comes from one of our windows, from an allowed origin. */
export function isTrustedSender(event: InvokeEventLike, policy: SenderPolicy): boolean {
  if (!policy.windowIds().includes(event.sender.id)) return false;
  const url = event.senderFrame?.url;
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return policy.origins().includes(`${parsed.protocol}//${parsed.host}`);
  } catch {
    return false;
  }
}

/** Options of registerIpcHandlers. */
export interface IpcHandlerOptions {
  ipcMain: ElectronApi['ipcMain'];
  senders: SenderPolicy;
  /** The client of the live supervisor (waits briefly during start-up / restarts). */
  client: () => Promise<RuntimeClient>;
  /** Overrides for methods main answers itself (shutdown quits the app; secrets are also persisted). */
  overrides?: Partial<Pick<RuntimeClient, InvokeMethod>>;
  onRejected?: (channel: string, reason: string) => void;
}

/** Dispatches parsed arguments to the client method. */
async function dispatch(method: InvokeMethod, client: RuntimeClient, args: readonly unknown[]): Promise<unknown> {
  const call = client[method] as (...values: unknown[]) => Promise<unknown>;
  return call.apply(client, [...args]);
}

/** Registers every handler; returns a function that removes them. */
export function registerIpcHandlers(options: IpcHandlerOptions): () => void {
  for (const method of INVOKE_METHODS) {
    const channel = INVOKE_CHANNELS[method];
    options.ipcMain.handle(channel, async (event, ...args): Promise<IpcReply<unknown>> => {
      if (!isTrustedSender(event, options.senders)) {
        options.onRejected?.(channel, 'untrusted sender');
        return errorReply(new ShellError('FORBIDDEN', 'This window may not use the Berth API.'));
      }
      const parsed = INVOKE_ARGS[method].safeParse(args);
      if (!parsed.success) {
        options.onRejected?.(channel, 'invalid payload');
        const issue = parsed.error.issues[0];
        return errorReply(new ShellError('BAD_REQUEST', `Invalid arguments for ${method}: ${issue ? `${issue.path.join('.') || '(args)'} ${issue.message}` : 'invalid'}`));
      }
      try {
        const override = options.overrides?.[method] as ((...values: unknown[]) => Promise<unknown>) | undefined;
        const value = override ? await override(...parsed.data) : await dispatch(method, await options.client(), parsed.data);
        return okReply(value);
      } catch (error) {
        return errorReply(error);
      }
    });
  }
  return () => {
    for (const method of INVOKE_METHODS) options.ipcMain.removeHandler(INVOKE_CHANNELS[method]);
  };
}
