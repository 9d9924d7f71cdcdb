import { z } from 'zod';

/** The leverage no configuration may exceed, whatever the trader types. */
export const HARD_MAX_LEVERAGE = 10;

/** True when the runtime knows this IANA zone (Intl throws a RangeError for unknown ones). */
export function isIanaTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

const pct = (max: number): z.ZodNumber => z.number().finite().gt(0).max(max);

/**
 * Panic thresholds: any of these trips the kill switch automatically (HALTED with the reason).
 * Each one is a number the trader can change; none is hidden in code.
 */
export const PanicConfigSchema = z
  .object({
    /** Quotes older than this while positions are open mean we are trading blind. */
    staleQuoteMs: z.number().int().min(1_000).max(3_600_000).default(30_000),
    /** Spread above this multiple of its recent median. */
    spreadMultiple: z.number().finite().min(1.5).max(100).default(3),
    /** How many recent spread samples make "normal" (per symbol). */
    spreadWindow: z.number().int().min(10).max(10_000).default(100),
    /** Realized slippage above this multiple of the expected slippage. */
    slippageMultiple: z.number().finite().min(1.5).max(100).default(3),
    /** Expected slippage below this (in basis points) is treated as this, so 0.1 bp -> 0.4 bp is not a panic. */
    slippageFloorBps: z.number().finite().min(0).max(1_000).default(2),
    /** N venue errors within M seconds is a cascade. */
    errorCascadeCount: z.number().int().min(2).max(1_000).default(5),
    errorCascadeWindowSec: z.number().int().min(1).max(3_600).default(60),
    /** A live venue's circuit breaker opens after this many failed calls in a row... */
    breakerFailures: z.number().int().min(2).max(100).default(5),
    /** ...stays open this long (no new entries go out), then lets one probe through... */
    breakerOpenSec: z.number().int().min(1).max(3_600).default(30),
    /** ...and closes again after this many successful calls. */
    breakerCloseAfter: z.number().int().min(1).max(20).default(2),
  })
  .strict();
export type PanicConfig = z.infer<typeof PanicConfigSchema>;

const RiskConfigShape = z
  .object({
    /** IANA zone whose calendar day the daily loss limit counts. */
    timeZone: z.string().refine(isIanaTimeZone, { message: 'is not a known IANA time zone' }),
    /** Daily loss limit, % of start-of-day equity (mark-to-market). */
    dailyLossPct: pct(50).default(2),
    /** Hard drawdown from the equity peak: HALTED. */
    maxDrawdownPct: pct(90).default(10),
    /** Soft drawdown from the peak: REDUCING (only exposure-reducing orders). */
    softDrawdownPct: pct(90).default(8),
    /** Portfolio heat: sum of risk-to-stop over positions and working entries, % of equity. */
    maxHeatPct: pct(100).default(25),
    /** Largest risk-to-stop of one trade, % of equity (top of the confidence range). */
    riskPerTradePct: pct(25).default(2),
    /** Smallest risk per trade the sizer uses (bottom of the confidence range). */
    minRiskPerTradePct: pct(25).default(0.25),
    /** Cap on the Kelly fraction used for sizing (fractional Kelly). */
    kellyFractionCap: z.number().finite().gt(0).max(1).default(0.25),
    maxOpenPositions: z.number().int().min(1).max(100).default(3),
    /** Largest notional in one symbol (positions plus working entries), % of equity. */
    maxSymbolSharePct: pct(HARD_MAX_LEVERAGE * 100).default(100),
    /** No new entry for this long after a losing trade closes. 0 disables. */
    lossCooldownMin: z.number().int().min(0).max(10_080).default(60),
    /** Total notional at mark / equity. Never above HARD_MAX_LEVERAGE. */
    maxLeverage: z.number().finite().gt(0).max(HARD_MAX_LEVERAGE).default(3),
    /** Smallest order notional (quote currency) the gate accepts for an entry. */
    minNotional: z.number().finite().min(0).max(1_000_000).default(10),
    /** Close every position (reduce-only market) when the kill switch fires. */
    flattenOnKill: z.boolean().default(false),
    panic: PanicConfigSchema.default(PanicConfigSchema.parse({})),
  })
  .strict();

/**
 * Every key a change may name, dotted for the nested panic thresholds ("panic.staleQuoteMs").
 * Taken from the schema itself, so a change can only ever touch a field the schema declares:
 * a path like "__proto__.toString" or "constructor.prototype" is not on this list.
 */
export const RISK_CONFIG_KEYS: readonly string[] = Object.freeze([
  ...Object.keys(RiskConfigShape.shape).filter((key) => key !== 'panic'),
  ...Object.keys(PanicConfigSchema.shape).map((key) => `panic.${key}`),
]);

/**
 * The one risk configuration. Every limit of the gate, the sizer and the panic detectors lives
 * here; cross-field checks name the field that has to change.
 */
export const RiskConfigSchema = RiskConfigShape.superRefine((c, ctx) => {
  const issue = (path: string, message: string): void => {
    ctx.addIssue({ code: 'custom', path: [path], message });
  };
  if (c.softDrawdownPct >= c.maxDrawdownPct)
    issue(
      'softDrawdownPct',
      `must be below maxDrawdownPct (${c.maxDrawdownPct}), got ${c.softDrawdownPct}`,
    );
  if (c.riskPerTradePct > c.dailyLossPct)
    issue(
      'riskPerTradePct',
      `must not exceed dailyLossPct (${c.dailyLossPct}), got ${c.riskPerTradePct}`,
    );
  if (c.minRiskPerTradePct > c.riskPerTradePct)
    issue(
      'minRiskPerTradePct',
      `must not exceed riskPerTradePct (${c.riskPerTradePct}), got ${c.minRiskPerTradePct}`,
    );
  if (c.riskPerTradePct > c.maxHeatPct)
    issue(
      'riskPerTradePct',
      `must not exceed maxHeatPct (${c.maxHeatPct}), got ${c.riskPerTradePct}`,
    );
  if (c.dailyLossPct > c.maxDrawdownPct)
    issue(
      'dailyLossPct',
      `must not exceed maxDrawdownPct (${c.maxDrawdownPct}), got ${c.dailyLossPct}`,
    );
  if (c.maxSymbolSharePct > c.maxLeverage * 100)
    issue(
      'maxSymbolSharePct',
      `must not exceed maxLeverage x 100 (${c.maxLeverage * 100}), got ${c.maxSymbolSharePct}`,
    );
});
export type RiskConfig = z.infer<typeof RiskConfigSchema>;
export type RiskConfigInput = z.input<typeof RiskConfigSchema>;

/** The defaults of DESIGN.md, for a trader in `timeZone`. */
export function defaultRiskConfig(timeZone: string): RiskConfig {
  return RiskConfigSchema.parse({ timeZone });
}

/** Field-named messages ("maxLeverage: Too big: expected number to be <=10") for a failed parse. */
export function riskConfigIssues(error: z.ZodError): string[] {
  return error.issues.map(
    (i) => `${i.path.length > 0 ? i.path.join('.') : '(config)'}: ${i.message}`,
  );
}
