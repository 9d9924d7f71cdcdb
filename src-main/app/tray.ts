import { Menu, nativeImage, Notification, Tray } from 'electron';
import type { Engine } from '../engine/engine';

/**
 * The tray menu: the kill switch is reachable even when the window is hidden or frozen.
 * Rearm is deliberately absent here — it needs the typed confirmation in the window.
 */
export function createKillTray(engine: Engine, iconPath: string | null): Tray {
  const icon = iconPath === null ? nativeImage.createEmpty() : nativeImage.createFromPath(iconPath);
  const tray = new Tray(icon);
  const kill = (flatten: boolean): void => {
    const handle = engine.risk.triggerKill({
      actor: 'user:tray@electron',
      reason: flatten ? 'tray: kill and flatten' : 'tray: kill',
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
  tray.setToolTip('Vigil');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'KILL: cancel all orders', click: () => kill(false) },
      { label: 'KILL and flatten all positions', click: () => kill(true) },
      { type: 'separator' },
      {
        label: 'Pause new entries',
        click: () =>
          safely(() => engine.risk.control.set('PAUSED', 'user:tray@electron', 'tray: pause')),
      },
      {
        label: 'Reduce only',
        click: () =>
          safely(() => engine.risk.control.set('REDUCING', 'user:tray@electron', 'tray: reduce')),
      },
    ]),
  );
  return tray;
}

function safely(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    notify('Vigil', error instanceof Error ? error.message : String(error));
  }
}

function notify(title: string, body: string): void {
  if (Notification.isSupported()) new Notification({ title, body }).show();
}
