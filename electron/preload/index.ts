// Preload (sandboxed, context-isolated): defines `window.berth`, contract.ts's RuntimeClient over
// IPC. The API is assembled in the page's world so rejected Errors keep their `code`; where
// executeInMainWorld is missing, the preload-world API is exposed instead (codes then live only
// in the message).
import { contextBridge, ipcRenderer } from 'electron';
import { createBerthApi } from './api.ts';
import { installBerthInMainWorld } from './main-world.ts';
import { createRawBerthApi } from './raw-api.ts';

if (typeof contextBridge.executeInMainWorld === 'function') {
  contextBridge.executeInMainWorld({ func: installBerthInMainWorld, args: [createRawBerthApi(ipcRenderer)] });
} else {
  contextBridge.exposeInMainWorld('berth', createBerthApi(ipcRenderer));
}
