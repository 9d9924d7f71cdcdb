import { join } from 'node:path';
import { Menu, nativeImage, Notification, Tray } from 'electron';
import { MANUAL_KILL_REASON } from '../../src-shared/contract/risk';
import type { Engine } from '../engine/engine';
import type { DesktopSettingsStore } from '../engine/lifecycle/desktop-settings';
import { trayIconName, trayMenuTemplate, trayTooltip } from './tray-menu';

export interface TrayDeps {
  readonly engine: Engine;
  readonly desktop: DesktopSettingsStore;
  readonly iconDir: string;
  readonly showWindow: () => void;
  readonly quit: () => void;
}

/**
 * The tray: the control mode in its icon, tooltip and first menu line, and the kill switch,
 * reachable when the window is hidden or frozen. Follows every mode change.
 */
export function createKillTray(deps: TrayDeps): { tray: Tray; dispose: () => void } {
  const { engine } = deps;
  const tray = new Tray(nativeImage.createFromPath(join(deps.iconDir, trayIconName('RUNNING'))));
  const kill = (flatten: boolean): void => {
    const handle = engine.risk.triggerKill({
      actor: 'user:tray@electron',
      // The actor names the tray; the kill state says whether it flattens.
      reason: MANUAL_KILL_REASON,
      flatten,
    });
    handle.done.then(
      (state) =>
        notify(
          'Vigil: kill complete',
          `All orders cancelled${state.flatten ? ' and positions closed' : ''}. HALTED until rearm.`,
        ),
      (error: unknown) => notify('Vigil: kill NOT complete', String(error)),
    );
  };
  const render = (): void => {
    const control = engine.risk.control.current;
    tray.setImage(nativeImage.createFromPath(join(deps.iconDir, trayIconName(control.mode))));
    tray.setToolTip(trayTooltip(control));
    tray.setContextMenu(
      Menu.buildFromTemplate(
        trayMenuTemplate(control, deps.desktop.current.closeToTray, {
          kill,
          setMode: (mode) =>
            safely(() => engine.risk.control.set(mode, 'user:tray@electron', `tray: ${mode}`)),
          showWindow: deps.showWindow,
          setCloseToTray: (on) =>
            safely(() => {
              // The engine publishes desktopSettingsChanged, which renders the menu again.
              deps.desktop.update({ closeToTray: on }, 'user:tray@electron');
            }),
          quit: deps.quit,
        }),
      ),
    );
  };
  render();
  const unsubscribe = engine.events.subscribe((event) => {
    // The close-to-tray check follows the cockpit's settings panel as well as the menu.
    if (event.kind === 'controlModeChanged' || event.kind === 'desktopSettingsChanged') render();
  });
  return {
    tray,
    dispose: () => {
      unsubscribe();
      tray.destroy();
    },
  };
}

function safely(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    notify('Vigil', error instanceof Error ? error.message : String(error));
  }
}

export function notify(title: string, body: string): void {
  if (Notification.isSupported()) new Notification({ title, body }).show();
}
