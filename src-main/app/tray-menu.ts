import type { MenuItemConstructorOptions } from 'electron';
import type { ControlState } from '../../src-shared/contract/risk';

export interface TrayActions {
  kill(flatten: boolean): void;
  setMode(mode: 'PAUSED' | 'REDUCING'): void;
  showWindow(): void;
  setCloseToTray(on: boolean): void;
  quit(): void;
}

/** The tray icon file for a control mode (resources/icons/tray-<mode>.png, @2x beside it). */
export function trayIconName(mode: ControlState['mode']): string {
  return `tray-${mode.toLowerCase()}.png`;
}

export function trayTooltip(control: ControlState): string {
  return `Vigil — ${control.mode}: ${control.reason}`;
}

/**
 * The tray menu: the mode first (so the trader sees it without the window), the kill items
 * right under it and always enabled, then the softer modes, the window and the settings.
 * Rearm is deliberately absent: it needs the typed confirmation in the window.
 */
export function trayMenuTemplate(
  control: ControlState,
  closeToTray: boolean,
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  const halted = control.mode === 'HALTED';
  return [
    { label: `Mode: ${control.mode}`, enabled: false },
    { label: control.reason.slice(0, 80), enabled: false },
    { type: 'separator' },
    { label: 'KILL: cancel all orders', click: () => actions.kill(false) },
    { label: 'KILL and flatten all positions', click: () => actions.kill(true) },
    { type: 'separator' },
    {
      label: 'Pause new entries',
      enabled: !halted && control.mode !== 'PAUSED',
      click: () => actions.setMode('PAUSED'),
    },
    {
      label: 'Reduce only',
      enabled: !halted && control.mode !== 'REDUCING',
      click: () => actions.setMode('REDUCING'),
    },
    { type: 'separator' },
    { label: 'Show Vigil', click: () => actions.showWindow() },
    {
      label: 'Keep running in the tray when the window closes',
      type: 'checkbox',
      checked: closeToTray,
      click: (item) => actions.setCloseToTray(item.checked),
    },
    { label: 'Quit Vigil…', click: () => actions.quit() },
  ];
}
