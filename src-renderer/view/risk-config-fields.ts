import { RiskConfigSchema, type RiskConfig } from '../../src-shared/domain/risk-config';

/** One editable field of the risk config, addressed by its dotted key ("panic.staleQuoteMs"). */
export interface RiskField {
  readonly key: string;
  readonly label: string;
  readonly kind: 'number' | 'text' | 'boolean';
  readonly unit: string;
}

/** Fields in the order a trader thinks about them; labels say the unit. */
export const RISK_FIELDS: readonly RiskField[] = [
  {
    key: 'dailyLossPct',
    label: 'Daily loss limit',
    kind: 'number',
    unit: '% of start-of-day equity',
  },
  { key: 'maxDrawdownPct', label: 'Max drawdown (halt)', kind: 'number', unit: '% from peak' },
  { key: 'softDrawdownPct', label: 'Soft drawdown (reduce)', kind: 'number', unit: '% from peak' },
  { key: 'maxHeatPct', label: 'Portfolio heat', kind: 'number', unit: '% of equity' },
  { key: 'riskPerTradePct', label: 'Risk per trade (max)', kind: 'number', unit: '% of equity' },
  { key: 'minRiskPerTradePct', label: 'Risk per trade (min)', kind: 'number', unit: '% of equity' },
  { key: 'kellyFractionCap', label: 'Kelly fraction cap', kind: 'number', unit: '0..1' },
  { key: 'maxOpenPositions', label: 'Max open positions', kind: 'number', unit: 'positions' },
  { key: 'maxSymbolSharePct', label: 'Max per symbol', kind: 'number', unit: '% of equity' },
  { key: 'lossCooldownMin', label: 'Cooldown after a loss', kind: 'number', unit: 'minutes' },
  { key: 'maxLeverage', label: 'Leverage cap', kind: 'number', unit: 'x (hard max 10)' },
  { key: 'minNotional', label: 'Min order notional', kind: 'number', unit: 'quote' },
  { key: 'timeZone', label: 'Trading-day time zone', kind: 'text', unit: 'IANA' },
  { key: 'panic.staleQuoteMs', label: 'Panic: stale quotes', kind: 'number', unit: 'ms' },
  { key: 'panic.spreadMultiple', label: 'Panic: spread', kind: 'number', unit: 'x normal' },
  { key: 'panic.slippageMultiple', label: 'Panic: slippage', kind: 'number', unit: 'x expected' },
  { key: 'panic.errorCascadeCount', label: 'Panic: venue errors', kind: 'number', unit: 'errors' },
  { key: 'panic.errorCascadeWindowSec', label: 'Panic: error window', kind: 'number', unit: 's' },
];

/** The value at a dotted key, as text for an input. */
export function fieldText(config: RiskConfig, key: string): string {
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
 * Parses the edited texts and validates the resulting whole config with the engine's own
 * schema, so cross-field rules (soft below hard drawdown...) are caught before sending. The
 * engine validates again; this only gives per-field feedback while typing.
 */
export function checkDraft(
  config: RiskConfig,
  draft: Readonly<Record<string, string>>,
): DraftCheck {
  const changes: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  const next = structuredClone(config) as Record<string, unknown>;
  for (const field of RISK_FIELDS) {
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
  const parsed = RiskConfigSchema.safeParse(next);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join('.');
      errors[key] ??= issue.message;
    }
  }
  return { changes, errors };
}

const LABEL_BY_KEY = new Map(RISK_FIELDS.map((f) => [f.key, f.label]));
const KEY_PATTERN = new RegExp(
  `\\b(${[...LABEL_BY_KEY.keys()].map((k) => k.replace('.', '\\.')).join('|')})\\b`,
  'g',
);

/** "softDrawdownPct" -> "Soft drawdown (reduce)"; an unknown key is returned as it is. */
export function riskFieldLabel(key: string): string {
  return LABEL_BY_KEY.get(key) ?? key;
}

/**
 * A validation message in the risk panel's words: config keys become the field labels, and the
 * schema's bounds read as a sentence ("Too big: expected number to be <=10" -> "must be at
 * most 10").
 */
export function riskIssueText(message: string): string {
  return message
    .replace(/Too big: expected number to be <=\s?(\S+)/g, 'must be at most $1')
    .replace(/Too big: expected number to be <\s?(\S+)/g, 'must be below $1')
    .replace(/Too small: expected number to be >=\s?(\S+)/g, 'must be at least $1')
    .replace(/Too small: expected number to be >\s?(\S+)/g, 'must be above $1')
    .replace(/Invalid input: expected int, received number/g, 'must be a whole number')
    .replace(KEY_PATTERN, (key) => riskFieldLabel(key));
}
