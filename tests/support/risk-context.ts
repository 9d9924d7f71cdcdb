import { defaultRiskConfig, type RiskConfig } from '../../src-shared/domain/risk-config';
import type { OrderCandidate, RiskContext } from '../../src-main/engine/risk/risk-types';

/** A RUNNING context with 10,000 equity, flat, default config in UTC; override what a test needs. */
export function riskContext(
  over: Partial<RiskContext> = {},
  config: Partial<RiskConfig> = {},
): RiskContext {
  return {
    now: Date.UTC(2026, 2, 10, 12),
    mode: 'RUNNING',
    config: { ...defaultRiskConfig('UTC'), ...config },
    equity: 10_000,
    startOfDayEquity: 10_000,
    peakEquity: 10_000,
    positions: [],
    workingEntries: [],
    lastLossAt: null,
    ...over,
  };
}

/** A 1-unit long entry at 100 with a stop at 98 (risk 2, notional 100); override fields. */
export function entry(over: Partial<OrderCandidate> = {}): OrderCandidate {
  return {
    symbol: 'BTC/USDT',
    side: 'buy',
    qty: 1,
    price: 100,
    stopPrice: 98,
    reduceOnly: false,
    source: 'ui',
    ...over,
  };
}
