import {
  RiskConfigSchema,
  defaultRiskConfig,
  riskConfigIssues,
  type RiskConfig,
} from '../../../src-shared/domain/risk-config';
import type { AuditLog } from '../audit/audit-log';
import type { EventBus } from '../event-bus';
import type { Settings } from '../settings';

export const RISK_CONFIG_KEY = 'risk_config';

/** A refused configuration; `issues` name each field ("maxLeverage: ..."). */
export class RiskConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`invalid risk configuration: ${issues.join('; ')}`);
    this.name = 'RiskConfigError';
  }
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

/** Applies dotted-key changes to a copy of `config`; unknown keys are refused by name. */
export function applyChanges(config: RiskConfig, changes: Record<string, unknown>): unknown {
  const next = structuredClone(config) as Record<string, unknown>;
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(changes)) {
    const parts = key.split('.');
    let target: Record<string, unknown> = next;
    for (const part of parts.slice(0, -1)) {
      const child = target[part];
      if (typeof child !== 'object' || child === null) {
        unknown.push(key);
        target = {};
        break;
      }
      target = child as Record<string, unknown>;
    }
    const leaf = parts[parts.length - 1] as string;
    if (!Object.hasOwn(target, leaf)) unknown.push(key);
    else target[leaf] = value;
  }
  if (unknown.length > 0)
    throw new RiskConfigError([...new Set(unknown)].map((k) => `${k}: unknown setting`));
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
