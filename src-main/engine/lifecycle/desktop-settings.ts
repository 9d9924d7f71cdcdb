import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import type { Settings } from '../settings';
import { SettingsRecord } from '../settings-record';

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

const DEFAULTS: DesktopSettings = { closeToTray: true, trayNoticeShown: false };

export class DesktopSettingsStore extends SettingsRecord<DesktopSettings> {
  constructor(settings: Settings, audit: AuditLog) {
    super(
      {
        key: 'desktop_settings',
        label: 'desktop settings',
        auditKind: 'app.settings_changed',
        schema: DesktopSettingsSchema,
        defaults: DEFAULTS,
      },
      settings,
      audit,
    );
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
