import { globalShortcut, Notification } from 'electron';
import { z } from 'zod';
import { MANUAL_KILL_REASON, type KillShortcutStatus } from '../../src-shared/contract/risk';
import type { Engine } from '../engine/engine';

export const DEFAULT_KILL_ACCELERATOR = 'CommandOrControl+Shift+K';
/** Meta key holding a trader-chosen accelerator (Electron accelerator syntax). */
export const KILL_SHORTCUT_KEY = 'kill_shortcut';

/**
 * Registers the global kill shortcut at startup. Pressing it latches HALTED at once (the
 * engine call is synchronous up to the latch). A failed registration — another app owns the
 * keys — is reported with an OS notification and an event the UI shows as a banner, because a
 * kill key that silently does nothing is worse than none.
 */
export function registerKillShortcut(engine: Engine): KillShortcutStatus {
  const accelerator = engine.settings.get(
    KILL_SHORTCUT_KEY,
    (v) => z.string().min(1).parse(v),
    DEFAULT_KILL_ACCELERATOR,
  );
  let registered = false;
  let message: string;
  try {
    registered = globalShortcut.register(accelerator, () => {
      engine.risk.triggerKill({
        actor: 'user:shortcut@electron',
        // The actor names the shortcut (its chord is audited at registration).
        reason: MANUAL_KILL_REASON,
        flatten: engine.risk.config.current.flattenOnKill,
      });
    });
    message = registered
      ? `Kill switch on ${accelerator}`
      : `Could not register the kill shortcut ${accelerator}: another application holds it. Use the KILL button or the tray menu, or choose another shortcut.`;
  } catch (error) {
    message = `Invalid kill shortcut '${accelerator}': ${error instanceof Error ? error.message : String(error)}`;
  }
  const status: KillShortcutStatus = { accelerator, registered, message };
  engine.audit.append({
    kind: registered ? 'kill.shortcut_registered' : 'kill.shortcut_failed',
    actor: 'system:electron',
    payload: { accelerator, message },
  });
  engine.events.publish('killShortcutStatus', status);
  if (!registered && Notification.isSupported()) {
    new Notification({
      title: 'Vigil: kill shortcut NOT active',
      body: message,
      urgency: 'critical',
    }).show();
  }
  return status;
}

export function unregisterKillShortcut(): void {
  globalShortcut.unregisterAll();
}
