// The request half of window.berth, built once from the channel table: every invoke method
// forwards its arguments unchanged to its channel. Both preload APIs (api.ts, raw-api.ts) differ
// only in what `call` makes of the reply, so neither repeats the method list.
import { INVOKE_CHANNELS, INVOKE_METHODS, type InvokeMethod } from '../ipc/channels.ts';

/** One function per invoke method: `call(its channel, ...its arguments)`. */
export function invokeMethods<R>(call: (channel: string, ...args: unknown[]) => R): Record<InvokeMethod, (...args: unknown[]) => R> {
  const methods = {} as Record<InvokeMethod, (...args: unknown[]) => R>;
  for (const method of INVOKE_METHODS) methods[method] = (...args: unknown[]) => call(INVOKE_CHANNELS[method], ...args);
  return methods;
}
