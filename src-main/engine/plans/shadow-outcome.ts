import type { TradePlan } from '../../../src-shared/contract/plans';
import type { BarClosed } from '../../../src-shared/domain/market';
import { planIntents } from './plan-intents';

/** A SHADOW plan waiting for the bar after its signal. */
export interface ShadowPending {
  readonly plan: TradePlan;
  readonly exchange: string;
}

/**
 * What a SHADOW plan would have done at the next bar of its market and timeframe: a market
 * entry fills at that bar's open (a limit one if the bar reaches its price), and whether the
 * bar touched the stop or a target. Null for a bar of another series or not after the signal.
 */
export function shadowOutcome(
  pending: ShadowPending,
  bar: BarClosed,
): Record<string, unknown> | null {
  const { plan } = pending;
  if (
    bar.exchange !== pending.exchange ||
    bar.symbol !== plan.symbol ||
    bar.timeframe !== plan.timeframe ||
    bar.candle.openTime < plan.signal.at
  )
    return null;
  const c = bar.candle;
  const buy = plan.side === 'buy';
  const entry = Number(plan.entry);
  const stop = Number(plan.stop);
  const filled = plan.entryType === 'market' || (buy ? c.low <= entry : c.high >= entry);
  const fillPrice = plan.entryType === 'market' ? c.open : entry;
  return {
    intents: planIntents(plan),
    bar: { openTime: c.openTime, open: c.open, high: c.high, low: c.low, close: c.close },
    wouldFill: filled,
    fillPrice: filled ? fillPrice : null,
    stopTouched: filled && (buy ? c.low <= stop : c.high >= stop),
    targetsTouched: filled
      ? plan.targets.map((t) => (buy ? c.high >= Number(t.price) : c.low <= Number(t.price)))
      : [],
  };
}
