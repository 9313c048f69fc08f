// Picks the dashboard's RuntimeClient: IPC inside the desktop shell, else the client core over
// HTTP when the supervisor serves the page itself (`berth run --dashboard`): same origin, so the
// HttpOnly SameSite=Strict session cookie authenticates and no token lives in page code.
import { createControlClient } from '../../../supervisor/src/control/client/index.ts';
import type { RuntimeClient } from '../../../supervisor/src/control/contract.ts';
import { createIpcClient } from './ipc-client.ts';

/** IPC when the preload exposed `window.berth`, else HTTP against the page's origin. */
export function selectClient(win: Window = window): RuntimeClient {
  return win.berth === undefined ? createControlClient({ baseUrl: win.location.origin, auth: { kind: 'same-origin' } }) : createIpcClient(win.berth);
}
