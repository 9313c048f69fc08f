// The main process's logger port (electron-log in the app, a silent or recording fake in tests)
// and the forwarding of renderer console messages into it.
import type { WebContentsPort } from './electron-api.ts';

/** What main logs through. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything. */
export const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Forwards a window's console messages (warnings and errors; info at debug level) to the log. */
export function forwardConsoleMessages(webContents: WebContentsPort, log: Logger): void {
  webContents.on('console-message', (event) => {
    const line = `[renderer] ${event.message} (${event.sourceId}:${event.lineNumber})`;
    if (event.level === 'error') log.error(line);
    else if (event.level === 'warning') log.warn(line);
    else if (event.level === 'info') log.info(line);
    else log.debug(line);
  });
}
