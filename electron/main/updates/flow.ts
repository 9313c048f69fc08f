// App updates through electron-updater, written against a small port so the order is testable:
// check (at start if enabled, and from the tray) → download → announce (a notification whose click
// installs) or, where nothing can be announced, ask at once → shut the supervisor down gracefully →
// quitAndInstall. Not installed now, an update installs at the next quit (electron-updater's
// autoInstallOnAppQuit). The shell never patches the supervisor in place.
import { messageOf } from '../../../supervisor/src/control/client/index.ts';

/** The slice of electron-updater's autoUpdater the flow uses. */
export interface UpdaterPort {
  checkForUpdates(): Promise<{ isUpdateAvailable?: boolean; updateInfo: { version: string } } | null>;
  onUpdateDownloaded(listener: (info: { version: string }) => void): void;
  onError(listener: (error: Error) => void): void;
  quitAndInstall(): void;
}

/** Options of createUpdateFlow. */
export interface UpdateFlowOptions {
  updater: UpdaterPort;
  /** Asks the person whether to restart now; resolves true to install. */
  confirmInstall: (version: string) => Promise<boolean>;
  /** Tells the person an update is ready (a click on it should call `install`); false when it cannot. */
  announceReady?: (version: string) => boolean;
  /** Tells the person the outcome of a manual check (up to date, failed). */
  notify: (message: string) => Promise<void>;
  /** Graceful supervisor shutdown (the quit sequence without quitting the app). */
  shutdownSupervisor: () => Promise<void>;
  log: (message: string) => void;
}

/** The flow's handle. */
export interface UpdateFlow {
  /** Checks; `manual` reports "up to date" and errors to the person. */
  check(manual: boolean): Promise<void>;
  /** Asks, then installs a downloaded update (the supervisor stopped first). */
  install(version: string): Promise<void>;
}

/** Wires the updater's events and returns the check entry point. */
export function createUpdateFlow(options: UpdateFlowOptions): UpdateFlow {
  let installing = false;
  options.updater.onError((error) => options.log(`update error: ${error.message}`));
  const install = async (version: string) => {
    if (installing) return;
    if (!(await options.confirmInstall(version))) {
      options.log(`update ${version} downloaded; installing at next quit`);
      return;
    }
    installing = true;
    options.log(`installing update ${version}: stopping the supervisor first`);
    await options.shutdownSupervisor().catch((error: unknown) => options.log(`supervisor shutdown before update: ${messageOf(error)}`));
    options.updater.quitAndInstall();
  };
  options.updater.onUpdateDownloaded((info) => {
    if (installing) return;
    if (options.announceReady?.(info.version)) options.log(`update ${info.version} downloaded; announced`);
    else void install(info.version);
  });
  return {
    install,
    async check(manual) {
      try {
        const result = await options.updater.checkForUpdates();
        const available = result?.isUpdateAvailable ?? false;
        options.log(available ? `update ${result?.updateInfo.version} available; downloading` : 'no update available');
        if (manual && !available) await options.notify('You are running the latest version.');
        else if (manual) await options.notify(`Version ${result?.updateInfo.version} is downloading; you will be asked to restart when it is ready.`);
      } catch (error) {
        options.log(`update check failed: ${messageOf(error)}`);
        if (manual) await options.notify(`Could not check for updates: ${messageOf(error)}`);
      }
    },
  };
}
