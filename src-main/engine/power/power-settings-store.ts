import {
  DEFAULT_POWER_SETTINGS,
  PowerSettingsSchema,
  type PowerSettings,
} from '../../../src-shared/contract/power';
import type { AuditLog } from '../audit/audit-log';
import type { Settings } from '../settings';

const POWER_SETTINGS_KEY = 'power_settings';

/** The sleep/wake settings: validated on every change, persisted, audited. */
export class PowerSettingsStore {
  private value: PowerSettings;

  constructor(
    private readonly settings: Settings,
    private readonly audit: AuditLog,
  ) {
    this.value = settings.get(
      POWER_SETTINGS_KEY,
      (v) => PowerSettingsSchema.parse(v),
      DEFAULT_POWER_SETTINGS,
    );
  }

  get current(): PowerSettings {
    return this.value;
  }

  update(changes: Partial<PowerSettings>, actor: string): PowerSettings {
    const parsed = PowerSettingsSchema.safeParse({ ...this.value, ...changes });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `power settings: ${issue?.path.join('.') || '(input)'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    this.settings.set(POWER_SETTINGS_KEY, parsed.data);
    this.audit.append({
      kind: 'power.settings_changed',
      actor,
      payload: { from: this.value, to: parsed.data },
    });
    this.value = parsed.data;
    return parsed.data;
  }
}
