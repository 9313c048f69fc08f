// App updates through electron-updater, written against a small port so the order is testable:
// check (at start if enabled, and from the tray) → download → ask → shut the supervisor down
// gracefully → quitAndInstall. The shell never patches the supervisor in place.
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
}

/** Wires the updater's events and returns the check entry point. */
export function createUpdateFlow(options: UpdateFlowOptions): UpdateFlow {
  let installing = false;
  options.updater.onError((error) => options.log(`update error: ${error.message}`));
  options.updater.onUpdateDownloaded((info) => {
    if (installing) return;
    void (async () => {
      if (!(await options.confirmInstall(info.version))) {
        options.log(`update ${info.version} downloaded; installing at next quit`);
        return;
      }
      installing = true;
      options.log(`installing update ${info.version}: stopping the supervisor first`);
      await options.shutdownSupervisor().catch((error: unknown) => options.log(`supervisor shutdown before update: ${messageOf(error)}`));
      options.updater.quitAndInstall();
    })();
  });
  return {
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
