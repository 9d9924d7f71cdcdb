import { existsSync, statSync } from 'node:fs';
import { InvalidInputError, type FieldIssue } from '../../../src-shared/contract/command-refusal';
import type { BacktestRequest } from '../../../src-shared/contract/backtest';
import {
  defaultRiskConfig,
  RiskConfigSchema,
  riskConfigIssues,
  type RiskConfig,
} from '../../../src-shared/domain/risk-config';
import {
  DEFAULT_SCANNER_CONFIG,
  validateScannerConfig,
  type ScannerConfig,
} from '../scanner/scoring/scanner-config';
import type { StoredCalibration } from '../scanner/calibration/calibration-store';

/** A backtest request checked whole: every setting known, every value valid. */
export interface BacktestPlan {
  readonly data: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly risk: RiskConfig;
  readonly scanner: ScannerConfig;
  readonly autopilot: 'prime' | 'off';
  /** The paper account traded (see BacktestRequest.account). */
  readonly account: 'spot' | 'margin';
  /**
   * The calibrations stored where the backtest was asked from (the running engine's, or the
   * data folder's for the CLI), copied into the run's own store: the backtest grades P as the
   * scanner there would, and only a calibrated P can be PRIME (none stored: nothing is PRIME).
   */
  readonly calibrations: readonly StoredCalibration[];
}

/** The zone of a backtest without a risk configuration: days are UTC days. */
export const BACKTEST_DEFAULT_ZONE = 'UTC';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A real calendar day (2018-02-30 is not one). */
function isDay(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 0) - 1, d ?? 0));
  return date.toISOString().slice(0, 10) === text;
}

/**
 * The scanner's defaults with the request's sections laid over them (a section's own keys
 * replace the default's, e.g. `tiers.primeEnter`); an unknown section is refused by name.
 */
function scannerConfig(
  overrides: Record<string, unknown>,
  timeframes: BacktestRequest['timeframes'],
): ScannerConfig {
  const base: Record<string, unknown> = { ...DEFAULT_SCANNER_CONFIG };
  for (const [key, value] of Object.entries(overrides)) {
    if (!Object.hasOwn(DEFAULT_SCANNER_CONFIG, key) || key === 'standardization') {
      throw new InvalidInputError('backtest', [
        { path: `scanner.${key}`, message: 'unknown setting' },
      ]);
    }
    const current = base[key];
    base[key] = isRecord(current) && isRecord(value) ? { ...current, ...value } : value;
  }
  if (timeframes !== undefined) base['timeframes'] = [...timeframes];
  try {
    return validateScannerConfig(base as unknown as ScannerConfig);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InvalidInputError('backtest', [
      { path: 'scanner', message: message.replace(/^scanner config invalid: /, '') },
    ]);
  }
}

/**
 * Checks a backtest request before anything runs: the data folder exists, the days are real
 * and in order, the risk configuration passes its schema (every problem named with its field),
 * the scanner settings are known and valid. `bundledData` stands in for a missing folder.
 */
export function planBacktest(
  request: BacktestRequest,
  bundledData: string | null,
  calibrations: readonly StoredCalibration[],
): BacktestPlan {
  const issues: FieldIssue[] = [];
  const data = request.data ?? bundledData;
  if (data === null) issues.push({ path: 'data', message: 'a folder of candle files is required' });
  else if (!existsSync(data) || !statSync(data).isDirectory())
    issues.push({ path: 'data', message: `no such folder: ${data}` });
  for (const key of ['from', 'to'] as const) {
    const day = request[key];
    if (day !== undefined && !isDay(day))
      issues.push({ path: key, message: `'${day}' is not a calendar day (YYYY-MM-DD)` });
  }
  if (issues.length === 0 && request.from !== undefined && request.to !== undefined) {
    if (request.to < request.from)
      issues.push({ path: 'to', message: `${request.to} is before --from ${request.from}` });
  }
  const timeframes = request.timeframes ?? [];
  const twice = timeframes.find((tf, i) => timeframes.indexOf(tf) !== i);
  if (twice !== undefined) issues.push({ path: 'timeframes', message: `'${twice}' given twice` });
  let risk = defaultRiskConfig(BACKTEST_DEFAULT_ZONE);
  if (request.risk !== undefined) {
    const parsed = RiskConfigSchema.safeParse(request.risk);
    if (parsed.success) risk = parsed.data;
    else for (const issue of riskConfigIssues(parsed.error)) issues.push(riskIssue(issue));
  }
  if (issues.length > 0) throw new InvalidInputError('backtest', issues);
  return {
    data: data as string,
    from: request.from ?? null,
    to: request.to ?? null,
    risk,
    scanner: scannerConfig(request.scanner ?? {}, request.timeframes),
    autopilot: request.autopilot,
    account: request.account ?? 'spot',
    calibrations,
  };
}

/** "maxLeverage: Too big" -> { path: 'risk.maxLeverage', message: 'Too big' }. */
function riskIssue(issue: string): FieldIssue {
  const at = issue.indexOf(': ');
  const field = at < 0 ? '(config)' : issue.slice(0, at);
  return {
    path: field === '(config)' ? 'risk' : `risk.${field}`,
    message: at < 0 ? issue : issue.slice(at + 2),
  };
}
