// Which image the tray shows for a state: coloured PNGs on Windows and Linux, monochrome template
// images on macOS (the menu bar tints them). Files come from build/tray (packaged: resources/tray).
import path from 'node:path';
import type { TrayIconState } from './model.ts';

/** One tray image. */
export interface TrayIcon {
  file: string;
  template: boolean;
}

/** The tray image for a state on a platform (`@2x` variants sit beside each file). */
export function trayIconFor(state: TrayIconState, platform: NodeJS.Platform, iconDir: string): TrayIcon {
  const template = platform === 'darwin';
  const name = template ? `tray-${state}Template.png` : `tray-${state}.png`;
  return { file: path.join(iconDir, name), template };
}
