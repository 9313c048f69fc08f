// The reply envelope of every IPC call: `{ ok: true, value } | { ok: false, error: { code, message } }`.
// Errors cross the bridge as plain data and are rebuilt as ShellError (with `code`) on the other side.
import { messageOf } from '../../supervisor/src/control/client/client-error.ts';
import { ShellError, codeOf } from './errors.ts';

/** Plain-data error on the wire. */
export interface IpcErrorData {
  code: string;
  message: string;
}

/** What every `ipcMain.handle` returns. */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: IpcErrorData };

/** Wraps a value. */
export function okReply<T>(value: T): IpcReply<T> {
  return { ok: true, value };
}

/** Wraps any thrown value as plain error data (code + message only; no stack, no cause). */
export function errorReply(error: unknown): IpcReply<never> {
  return { ok: false, error: { code: codeOf(error), message: messageOf(error) } };
}

/** Unwraps a reply, throwing a ShellError with the original code on failure. */
export function unwrapReply<T>(reply: unknown): T {
  if (typeof reply !== 'object' || reply === null || !('ok' in reply)) {
    throw new ShellError('BAD_RESPONSE', 'Malformed IPC reply');
  }
  const typed = reply as IpcReply<T>;
  if (typed.ok) return typed.value;
  const { code, message } = typed.error;
  throw new ShellError(typeof code === 'string' ? code : 'INTERNAL', typeof message === 'string' ? message : 'IPC call failed');
}
