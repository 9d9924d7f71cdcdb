import type { RiskConfig } from '../../../src-shared/domain/risk-config';

export interface SizingInput {
  readonly equity: number;
  readonly entryPrice: number;
  readonly stopPrice: number;
  /** Signal confidence (calibrated probability), 0..1. */
  readonly confidence: number;
  /** Historical win rate and payoff (avg win / avg loss) for Kelly; omit when unknown. */
  readonly winRate?: number;
  readonly payoff?: number;
  /**
   * Fees and expected slippage a stop-out pays per unit on top of the stop distance (quote):
   * the configured risk is what the trader loses, costs included.
   */
  readonly costPerUnit?: number;
}

export interface SizingResult {
  readonly qty: number;
  readonly riskPct: number;
  readonly kellyPct: number | null;
}

/**
 * Quantity for an entry: risk between minRiskPerTradePct and riskPerTradePct, linear in
 * confidence above 0.5 (a coin flip earns the minimum), then capped by fractional Kelly
 * (Kelly fraction x kellyFractionCap) when the edge is known.
 */
export function sizePosition(input: SizingInput, config: RiskConfig): SizingResult {
  const { equity, entryPrice, stopPrice, confidence } = input;
  for (const [name, v] of Object.entries({ equity, entryPrice, stopPrice })) {
    if (!Number.isFinite(v) || v <= 0)
      throw new Error(`sizePosition: ${name} must be finite > 0, got ${v}`);
  }
  if (!Number.isFinite(confidence) || confidence < 0 || confidence > 1)
    throw new Error(`sizePosition: confidence must be within 0..1, got ${confidence}`);
  const cost = input.costPerUnit ?? 0;
  if (!Number.isFinite(cost) || cost < 0)
    throw new Error(`sizePosition: costPerUnit must be finite >= 0, got ${cost}`);
  if (entryPrice === stopPrice) throw new Error('sizePosition: stop equals entry price');
  const perUnit = Math.abs(entryPrice - stopPrice) + cost;

  const lo = config.minRiskPerTradePct;
  const hi = config.riskPerTradePct;
  const t = Math.min(1, Math.max(0, (confidence - 0.5) / 0.5));
  let riskPct = lo + (hi - lo) * t;

  let kellyPct: number | null = null;
  if (input.winRate !== undefined && input.payoff !== undefined) {
    const { winRate: p, payoff: b } = input;
    if (!(p >= 0 && p <= 1) || !(b > 0) || !Number.isFinite(b))
      throw new Error(`sizePosition: winRate must be 0..1 and payoff > 0, got ${p} and ${b}`);
    const kelly = p - (1 - p) / b;
    kellyPct = Math.max(0, kelly) * config.kellyFractionCap * 100;
    // No edge, no trade: Kelly <= 0 sizes to zero rather than to the minimum.
    riskPct = Math.min(riskPct, kellyPct);
  }
  const qty = riskPct > 0 ? (equity * riskPct) / 100 / perUnit : 0;
  return { qty, riskPct, kellyPct };
}
