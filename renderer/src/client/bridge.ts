// The object the Electron preload exposes as `window.berth` through contextBridge: exactly the
// control API's RuntimeClient, with errors rebuilt in the preload so they keep their `code`.
import type { RuntimeClient } from '../../../supervisor/src/control/contract.ts';

/** What `window.berth` is when the dashboard runs inside the desktop shell. */
export type BerthBridge = RuntimeClient;

declare global {
  interface Window {
    /** Present only inside the Electron shell (set by the preload). */
    berth?: BerthBridge;
  }
}
