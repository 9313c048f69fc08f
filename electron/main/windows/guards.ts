// Attaches the navigation and window.open guards to a window: own origins load in place, other
// http(s) links open in the browser, the rest is refused; <webview> is never attached.
import type { WebContentsPort } from '../electron-api.ts';
import type { Logger } from '../logging.ts';
import { decideNavigation } from './navigation.ts';

/** Options of attachGuards. */
export interface GuardOptions {
  ownOrigins: () => readonly string[];
  openExternal: (url: string) => Promise<void>;
  /** Loads an own-origin URL asked for through window.open in the same window. */
  loadInPlace: (url: string) => void;
  log: Logger;
}

/** Installs will-navigate / will-redirect / window.open / webview guards. */
export function attachGuards(webContents: WebContentsPort, options: GuardOptions): void {
  const handleExternal = (url: string, decision: ReturnType<typeof decideNavigation>) => {
    if (decision.action === 'open-external') {
      options.log.info(`opening ${decision.url} in the browser`);
      options.openExternal(decision.url).catch(() => options.log.warn(`could not open ${decision.url}`));
    } else if (decision.action === 'deny') {
      options.log.warn(`blocked navigation to ${url}: ${decision.reason}`);
    }
  };
  const onNavigate = (event: { preventDefault(): void }, url: string) => {
    const decision = decideNavigation(url, options.ownOrigins());
    if (decision.action === 'allow') return;
    event.preventDefault();
    handleExternal(url, decision);
  };
  webContents.on('will-navigate', onNavigate);
  webContents.on('will-redirect', onNavigate);
  webContents.on('will-attach-webview', (event) => event.preventDefault());
  webContents.setWindowOpenHandler(({ url }) => {
    const decision = decideNavigation(url, options.ownOrigins());
    if (decision.action === 'allow') options.loadInPlace(url);
    else handleExternal(url, decision);
    return { action: 'deny' };
  });
}
