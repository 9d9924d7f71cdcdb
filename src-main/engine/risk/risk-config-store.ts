import {
  RISK_CONFIG_KEYS,
  RiskConfigSchema,
  defaultRiskConfig,
  riskConfigIssues,
  type RiskConfig,
} from '../../../src-shared/domain/risk-config';
import { InvalidInputError, type FieldIssue } from '../../../src-shared/contract/command-refusal';
import type { AuditLog } from '../audit/audit-log';
import type { EventBus } from '../event-bus';
import type { Settings } from '../settings';

export const RISK_CONFIG_KEY = 'risk_config';

/** A refused configuration; `issues` name each field ("maxLeverage: ..."). Caller input: INVALID_INPUT. */
export class RiskConfigError extends InvalidInputError {
  constructor(readonly issues: readonly string[]) {
    super('invalid risk configuration', issues.map(fieldIssue));
    this.name = 'RiskConfigError';
  }
}

function fieldIssue(issue: string): FieldIssue {
  const at = issue.indexOf(': ');
  return at < 0
    ? { path: '(config)', message: issue }
    : { path: issue.slice(0, at), message: issue.slice(at + 2) };
}

/** Validates a whole configuration, throwing RiskConfigError with every field-named problem. */
export function parseRiskConfig(raw: unknown): RiskConfig {
  const parsed = RiskConfigSchema.safeParse(raw);
  if (!parsed.success) throw new RiskConfigError(riskConfigIssues(parsed.error));
  return parsed.data;
}

/**
 * Parses a CLI value for a key: numbers and booleans as JSON, anything else (a time zone) as
 * the plain string. "2" -> 2, "true" -> true, "Europe/Berlin" -> "Europe/Berlin".
 */
export function parseConfigValue(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

const SETTABLE = new Set(RISK_CONFIG_KEYS);

/** A key as it may be shown in a message: bounded, control characters escaped. */
function shownKey(key: string): string {
  const text = JSON.stringify(key.length > 100 ? `${key.slice(0, 100)}…` : key);
  return text.slice(1, -1);
}

/**
 * Applies dotted-key changes to a copy of `config`. Only the schema's own keys are accepted
 * (RISK_CONFIG_KEYS); anything else is refused by name before anything is written, so no path
 * can ever reach an object's prototype.
 */
export function applyChanges(config: RiskConfig, changes: Record<string, unknown>): unknown {
  const keys = Object.keys(changes);
  const unknown = keys.filter((key) => !SETTABLE.has(key));
  if (unknown.length > 0)
    throw new RiskConfigError(unknown.map((key) => `${shownKey(key)}: unknown setting`));
  const next: Record<string, unknown> = { ...config, panic: { ...config.panic } };
  const panic = next['panic'] as Record<string, unknown>;
  for (const key of keys) {
    const value = changes[key];
    if (key.startsWith('panic.')) panic[key.slice('panic.'.length)] = value;
    else next[key] = value;
  }
  return next;
}

function flatten(value: unknown, prefix = ''): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return { [prefix]: value };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    Object.assign(out, flatten(v, prefix ? `${prefix}.${k}` : k));
  return out;
}

/**
 * The persisted risk configuration. Reads are a field access (the gate reads on every order);
 * a change is validated whole, persisted, audited with old and new values, and announced.
 */
export class RiskConfigStore {
  private config: RiskConfig;

  constructor(
    private readonly settings: Settings,
    private readonly audit: AuditLog,
    private readonly events: EventBus,
    defaultTimeZone: string,
  ) {
    // A stored config that no longer validates is an error, never silently replaced by defaults.
    this.config = settings.get(
      RISK_CONFIG_KEY,
      parseRiskConfig,
      defaultRiskConfig(defaultTimeZone),
    );
  }

  get current(): RiskConfig {
    return this.config;
  }

  update(changes: Record<string, unknown>, actor: string): RiskConfig {
    const next = parseRiskConfig(applyChanges(this.config, changes));
    const before = flatten(this.config);
    const after = flatten(next);
    const changed = Object.keys(after).filter((k) => before[k] !== after[k]);
    if (changed.length === 0) return this.config;
    this.settings.set(RISK_CONFIG_KEY, next);
    this.audit.append({
      kind: 'risk.config_changed',
      actor,
      payload: {
        changes: changed.map((key) => ({ key, old: before[key] ?? null, new: after[key] ?? null })),
      },
    });
    this.config = next;
    this.events.publish('riskConfigChanged', next);
    return next;
  }
}
