import type { z } from 'zod';
import type { AuditLog } from './audit/audit-log';
import type { Settings } from './settings';

/**
 * One validated settings record in the `meta` table (power, alerts, desktop): read once,
 * changed only as a whole that passes its schema, persisted and audited with from/to. A bad
 * change is refused naming the field; the stored record is left as it was.
 */
export class SettingsRecord<T extends object> {
  private value: T;

  constructor(
    private readonly spec: {
      readonly key: string;
      /** Names the record in errors, e.g. 'power settings'. */
      readonly label: string;
      /** The audit kind of a change, e.g. 'power.settings_changed'. */
      readonly auditKind: string;
      readonly schema: z.ZodType<T>;
      readonly defaults: T;
      /** Told after every accepted change (e.g. to publish it). */
      readonly onChange?: (next: T) => void;
    },
    private readonly settings: Settings,
    private readonly audit: AuditLog,
  ) {
    this.value = settings.get(spec.key, (v) => spec.schema.parse(v), spec.defaults);
  }

  get current(): T {
    return this.value;
  }

  update(changes: Partial<T>, actor: string): T {
    const parsed = this.spec.schema.safeParse({ ...this.value, ...changes });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `${this.spec.label}: ${issue?.path.join('.') || '(input)'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    this.settings.set(this.spec.key, parsed.data);
    this.audit.append({
      kind: this.spec.auditKind,
      actor,
      payload: { from: this.value, to: parsed.data },
    });
    this.value = parsed.data;
    this.spec.onChange?.(parsed.data);
    return parsed.data;
  }
}
