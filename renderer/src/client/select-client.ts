// Picks the dashboard's RuntimeClient: IPC inside the desktop shell, HTTP when the supervisor
// serves the page itself (`berth run --dashboard`).
import type { RuntimeClient } from '../../../supervisor/src/control/contract.ts';
import { createHttpClient } from './http-client.ts';
import { createIpcClient } from './ipc-client.ts';

/** IPC when the preload exposed `window.berth`, else HTTP against the page's origin. */
export function selectClient(win: Window = window): RuntimeClient {
  return win.berth === undefined ? createHttpClient({ baseUrl: win.location.origin }) : createIpcClient(win.berth);
}
