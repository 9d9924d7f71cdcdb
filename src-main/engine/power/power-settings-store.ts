import {
  DEFAULT_POWER_SETTINGS,
  PowerSettingsSchema,
  type PowerSettings,
} from '../../../src-shared/contract/power';
import type { AuditLog } from '../audit/audit-log';
import type { Settings } from '../settings';
import { SettingsRecord } from '../settings-record';

/** The sleep/wake settings: validated on every change, persisted, audited. */
export class PowerSettingsStore extends SettingsRecord<PowerSettings> {
  constructor(settings: Settings, audit: AuditLog) {
    super(
      {
        key: 'power_settings',
        label: 'power settings',
        auditKind: 'power.settings_changed',
        schema: PowerSettingsSchema,
        defaults: DEFAULT_POWER_SETTINGS,
      },
      settings,
      audit,
    );
  }
}
