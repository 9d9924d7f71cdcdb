import { RiskConfigSchema, type RiskConfig } from '../../src-shared/domain/risk-config';
import {
  checkConfigDraft,
  fieldLabel,
  issueText,
  type ConfigField,
  type DraftCheck,
} from './config-draft';

/** Fields in the order a trader thinks about them; labels say the unit. */
export const RISK_FIELDS: readonly ConfigField[] = [
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
  {
    key: 'panic.breakerFailures',
    label: 'Venue breaker: opens after',
    kind: 'number',
    unit: 'failures',
  },
  { key: 'panic.breakerOpenSec', label: 'Venue breaker: open for', kind: 'number', unit: 's' },
];

/** The risk draft checked against the engine's own schema (see checkConfigDraft). */
export function checkDraft(
  config: RiskConfig,
  draft: Readonly<Record<string, string>>,
): DraftCheck {
  return checkConfigDraft(config, draft, RISK_FIELDS, RiskConfigSchema);
}

/** "softDrawdownPct" -> "Soft drawdown (reduce)"; an unknown key is returned as it is. */
export function riskFieldLabel(key: string): string {
  return fieldLabel(RISK_FIELDS, key);
}

/** A validation message in the risk panel's words (see issueText). */
export function riskIssueText(message: string): string {
  return issueText(message, RISK_FIELDS);
}
