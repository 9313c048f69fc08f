// The live tray: refetches /status and rebuilds icon, tooltip and menu, debounced, whenever an
// event arrives (a start-up burst of events costs one rebuild).
import type { StatusResponse, UpdatesResponse } from '../../../supervisor/src/control/contract.ts';
import type { ElectronApi, TrayPort } from '../electron-api.ts';
import { trayIconFor } from './icons.ts';
import { toMenuTemplate } from './menu-template.ts';
import { buildTrayMenuModel, type TrayAction, type TrayIconState } from './model.ts';

/** Options of createTrayController. */
export interface TrayControllerOptions {
  electron: Pick<ElectronApi, 'createTray' | 'buildMenu' | 'nativeImage' | 'platform'>;
  appName: string;
  iconDir: string;
  /** Current /status, or null when no supervisor answers. */
  fetchStatus: () => Promise<StatusResponse | null>;
  onAction: (action: TrayAction) => void;
  /** Whether the app starts at login (null: it cannot here; the item is left out). */
  startAtLogin?: () => Promise<boolean | null>;
  /** GET /updates (bundle versions), or null when no supervisor answers. */
  fetchUpdates?: () => Promise<UpdatesResponse | null>;
  debounceMs?: number;
}

/** The tray's handle. */
export interface TrayController {
  /** Schedules a rebuild (debounced). */
  refresh(): void;
  /** Shows a fatal problem (or clears it with null) and rebuilds now. */
  setProblem(problem: string | null): Promise<void>;
  /** Rebuilds now (tests, start-up). */
  rebuildNow(): Promise<void>;
  dispose(): void;
}

/** Creates the tray icon and its controller. */
export function createTrayController(options: TrayControllerOptions): TrayController {
  const { electron } = options;
  const imageFor = (state: TrayIconState) => {
    const icon = trayIconFor(state, electron.platform, options.iconDir);
    const image = electron.nativeImage.createFromPath(icon.file);
    if (icon.template) image.setTemplateImage(true);
    return image;
  };
  const tray: TrayPort = electron.createTray(imageFor('starting'));
  let problem: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;
  let lastIcon: TrayIconState | null = null;

  const rebuildNow = async () => {
    const [status, startAtLogin, updates] = await Promise.all([
      problem ? null : options.fetchStatus().catch(() => null),
      options.startAtLogin?.().catch(() => null) ?? null,
      problem ? null : (options.fetchUpdates?.().catch(() => null) ?? null),
    ]);
    if (disposed) return;
    const model = buildTrayMenuModel({ appName: options.appName, status, problem, startAtLogin, updates });
    if (model.icon !== lastIcon) {
      tray.setImage(imageFor(model.icon));
      lastIcon = model.icon;
    }
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(electron.buildMenu(toMenuTemplate(model.items, options.onAction)));
  };

  return {
    refresh() {
      if (disposed || timer) return;
      timer = setTimeout(() => {
        timer = null;
        void rebuildNow();
      }, options.debounceMs ?? 250);
    },
    async setProblem(next) {
      problem = next;
      await rebuildNow();
    },
    rebuildNow,
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      tray.destroy();
    },
  };
}
