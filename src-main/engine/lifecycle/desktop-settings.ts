import { DesktopSettingsSchema, type DesktopSettings } from '../../../src-shared/contract/desktop';
import type { AuditLog } from '../audit/audit-log';
import type { Settings } from '../settings';
import { SettingsRecord } from '../settings-record';

export type { DesktopSettings } from '../../../src-shared/contract/desktop';

const DEFAULTS: DesktopSettings = { closeToTray: true, trayNoticeShown: false };

/**
 * The desktop app's settings. The engine holds them (so the cockpit can edit them from either
 * host); the app reads them when the window closes and the tray shows the choice.
 */
export class DesktopSettingsStore extends SettingsRecord<DesktopSettings> {
  constructor(settings: Settings, audit: AuditLog, onChange?: (next: DesktopSettings) => void) {
    super(
      {
        key: 'desktop_settings',
        label: 'desktop settings',
        auditKind: 'app.settings_changed',
        schema: DesktopSettingsSchema,
        defaults: DEFAULTS,
        onChange,
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
