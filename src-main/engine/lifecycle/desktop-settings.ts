import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import type { Settings } from '../settings';

/** How the desktop app lives: close to the tray or quit, and whether the trader was told. */
export const DesktopSettingsSchema = z
  .object({
    /** Closing the window keeps the engine running in the tray. */
    closeToTray: z.boolean(),
    /** The one-time notice "Vigil keeps running in the tray" was shown. */
    trayNoticeShown: z.boolean(),
  })
  .strict();
export type DesktopSettings = z.infer<typeof DesktopSettingsSchema>;

const DESKTOP_SETTINGS_KEY = 'desktop_settings';
const DEFAULTS: DesktopSettings = { closeToTray: true, trayNoticeShown: false };

export class DesktopSettingsStore {
  private value: DesktopSettings;

  constructor(
    private readonly settings: Settings,
    private readonly audit: AuditLog,
  ) {
    this.value = settings.get(
      DESKTOP_SETTINGS_KEY,
      (v) => DesktopSettingsSchema.parse(v),
      DEFAULTS,
    );
  }

  get current(): DesktopSettings {
    return this.value;
  }

  update(changes: Partial<DesktopSettings>, actor: string): DesktopSettings {
    const next = DesktopSettingsSchema.parse({ ...this.value, ...changes });
    this.settings.set(DESKTOP_SETTINGS_KEY, next);
    this.audit.append({
      kind: 'app.settings_changed',
      actor,
      payload: { from: this.value, to: next },
    });
    this.value = next;
    return next;
  }
}

export type CloseAction = 'hide' | 'hide-with-notice' | 'quit';

/**
 * What closing the window does: hide it (the engine keeps trading, watched from the tray),
 * with a one-time notice the first time, or quit through the quit check.
 */
export function closeAction(settings: DesktopSettings): CloseAction {
  if (!settings.closeToTray) return 'quit';
  return settings.trayNoticeShown ? 'hide' : 'hide-with-notice';
}
