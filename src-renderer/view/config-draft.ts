import type { z } from 'zod';

/** One editable field of a settings record, addressed by its dotted key ("panic.staleQuoteMs"). */
export interface ConfigField {
  readonly key: string;
  readonly label: string;
  readonly kind: 'number' | 'text' | 'boolean';
  readonly unit: string;
}

/** The value at a dotted key, as text for an input. */
export function fieldText(config: object, key: string): string {
  let value: unknown = config;
  for (const part of key.split('.')) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[part]
        : undefined;
  }
  return value === undefined ? '' : String(value);
}

export interface DraftCheck {
  /** Changes to send, by dotted key, parsed to their types. */
  readonly changes: Record<string, unknown>;
  /** Problems by dotted key; empty when the whole draft is valid. */
  readonly errors: Record<string, string>;
}

/**
 * Parses the edited texts and validates the resulting whole record with the engine's own
 * schema, so cross-field rules (soft below hard drawdown...) are caught before sending. The
 * engine validates again; this only gives per-field feedback while typing.
 */
export function checkConfigDraft(
  config: object,
  draft: Readonly<Record<string, string>>,
  fields: readonly ConfigField[],
  schema: z.ZodType,
): DraftCheck {
  const changes: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  const next = structuredClone(config) as Record<string, unknown>;
  for (const field of fields) {
    const text = draft[field.key];
    if (text === undefined || text === fieldText(config, field.key)) continue;
    let value: unknown = text;
    if (field.kind === 'number') {
      const n = text.trim() === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(n)) {
        errors[field.key] = `must be a number, got "${text}"`;
        continue;
      }
      value = n;
    }
    changes[field.key] = value;
    const parts = field.key.split('.');
    let target = next;
    for (const part of parts.slice(0, -1)) target = target[part] as Record<string, unknown>;
    target[parts[parts.length - 1] ?? ''] = value;
  }
  const parsed = schema.safeParse(next);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join('.');
      errors[key] ??= issue.message;
    }
  }
  return { changes, errors };
}

/** A field's label by its key; an unknown key is returned as it is. */
export function fieldLabel(fields: readonly ConfigField[], key: string): string {
  return fields.find((f) => f.key === key)?.label ?? key;
}

/**
 * A validation message in the panel's words: the record's keys become the field labels, and
 * the schema's bounds read as a sentence ("Too big: expected number to be <=10" -> "must be
 * at most 10").
 */
export function issueText(message: string, fields: readonly ConfigField[]): string {
  const keys = new RegExp(`\\b(${fields.map((f) => f.key.replace('.', '\\.')).join('|')})\\b`, 'g');
  return message
    .replace(/Too big: expected number to be <=\s?(\S+)/g, 'must be at most $1')
    .replace(/Too big: expected number to be <\s?(\S+)/g, 'must be below $1')
    .replace(/Too small: expected number to be >=\s?(\S+)/g, 'must be at least $1')
    .replace(/Too small: expected number to be >\s?(\S+)/g, 'must be above $1')
    .replace(/Invalid input: expected int, received number/g, 'must be a whole number')
    .replace(keys, (key) => fieldLabel(fields, key));
}
