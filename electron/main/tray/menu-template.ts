// Turns the tray model into Electron menu template items, routing clicks to one action handler.
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayMenuItem } from './model.ts';

/** Converts model items to MenuItemConstructorOptions. */
export function toMenuTemplate(items: readonly TrayMenuItem[], onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: item.label, enabled: false };
      case 'submenu':
        return { label: item.label, submenu: toMenuTemplate(item.items, onAction) };
      case 'action':
        return { label: item.label, enabled: item.enabled, click: () => onAction(item.action) };
      case 'checkbox':
        return { type: 'checkbox', label: item.label, checked: item.checked, click: () => onAction(item.action) };
    }
  });
}
