import type { OrderSide } from '../../../../src-shared/domain/order';
import type { MarketRules } from '../market-rules';

/**
 * How the paper venue turns bars into fills. Every parameter is documented here because a
 * paper result is only as honest as these numbers.
 *
 * - Market orders fill at the OPEN of the first bar that starts at or after the venue accepted
 *   them (the next bar; never the bar that was forming when the order was sent), plus half the
 *   spread, plus square-root impact.
 * - Impact: the fill price moves against the taker by the fraction
 *       impact = impactCoefficient * sqrt(fillQty / barVolume)
 *   (the square-root law of market impact). With the default coefficient 0.01, taking 1% of a
 *   bar's volume costs 10 bps, taking 10% (the default cap) costs 31.6 bps.
 * - Participation: per bar, all orders of a symbol together fill at most
 *   maxBarParticipation * barVolume (default 10%); the rest rests for later bars.
 * - Limits fill at their own price, as maker, only when the bar trades THROUGH them (low below
 *   a buy limit, high above a sell limit); a touch fills only with touchFills. A limit already
 *   marketable on arrival takes liquidity at the open (+ spread + impact), never worse than
 *   its limit.
 * - Intrabar order (conservative): within one bar, stops are evaluated first, then market
 *   orders, then limits. So for a bracket whose stop and target are both inside a bar's range,
 *   the stop fills and the one-cancels-other group cancels the target before it is looked at.
 *   A stop-market fills at its stop price, or at the open when the bar gapped through it,
 *   plus half spread and impact. A stop-limit becomes a limit when triggered and can fill
 *   only from the next bar on (it never fills in its trigger bar).
 * - Live best bid/ask (on live prices, where the exchange streams them): a market order, or a
 *   limit marketable on arrival, that the venue accepted at or before a quote fills at that
 *   quote's touch — a buy at the ask, a sell at the bid, so the spread paid is the market's
 *   own — up to the size the exchange shows there; what is left fills on later quotes or bars.
 *   No impact is added at the touch: the size shown is the size available at that price.
 *   An order arriving while the latest quote is at most quoteMaxAgeMs old takes that quote at
 *   once (it is the book the order meets); otherwise it waits for the next quote or bar.
 *   Resting limits and stops keep the bar rules above.
 * - When no bar is coming (the replay is paused or finished, the feed is down) and no live quote
 *   is fresh, a market order fills at once against the last known price: the last bar's close, plus half the spread,
 *   plus impact on that bar's volume (impact as if it took the whole bar when its volume is
 *   unknown), with no participation cap since no later bar would take the rest. Market orders
 *   already resting when the feed goes idle fill the same way. So a flatten (the kill's or the
 *   trader's) finishes with the replay paused. Limits and untriggered stops keep waiting.
 * - Every price is rounded onto the tick grid against the trader; quantities down to the step.
 */
export interface FillModelConfig {
  /** Full bid-ask spread in basis points; a taker pays half of it. Default 2. */
  readonly spreadBps: number;
  /** k in impact = k * sqrt(q / V). Default 0.01. */
  readonly impactCoefficient: number;
  /** Share of each bar's volume the venue will fill for us, 0 < x <= 1. Default 0.1. */
  readonly maxBarParticipation: number;
  /** Whether a limit fills when the bar only touches its price. Default false. */
  readonly touchFills: boolean;
  /** Oldest live quote an arriving order may fill against, ms. Default 60 s. */
  readonly quoteMaxAgeMs: number;
}

/** A live best bid/ask as the paper venue fills against it. */
export interface PaperQuote {
  readonly bid: number;
  readonly ask: number;
  readonly bidSize: number | null;
  readonly askSize: number | null;
  readonly at: number;
}

export const DEFAULT_FILL_MODEL: FillModelConfig = {
  spreadBps: 2,
  impactCoefficient: 0.01,
  maxBarParticipation: 0.1,
  touchFills: false,
  quoteMaxAgeMs: 60_000,
};

export function validateFillModel(config: FillModelConfig): FillModelConfig {
  const bad = (name: string, v: number): never => {
    throw new Error(`paper fill model: ${name} out of range: ${v}`);
  };
  if (!Number.isFinite(config.spreadBps) || config.spreadBps < 0 || config.spreadBps > 1000)
    bad('spreadBps', config.spreadBps);
  if (
    !Number.isFinite(config.impactCoefficient) ||
    config.impactCoefficient < 0 ||
    config.impactCoefficient > 1
  )
    bad('impactCoefficient', config.impactCoefficient);
  if (
    !Number.isFinite(config.maxBarParticipation) ||
    config.maxBarParticipation <= 0 ||
    config.maxBarParticipation > 1
  )
    bad('maxBarParticipation', config.maxBarParticipation);
  if (!Number.isInteger(config.quoteMaxAgeMs) || config.quoteMaxAgeMs < 0)
    bad('quoteMaxAgeMs', config.quoteMaxAgeMs);
  return config;
}

/** The fraction of price a taker pays over the reference: half spread + impact. */
export function takerSlippageFraction(
  config: FillModelConfig,
  qty: number,
  barVolume: number,
): number {
  const half = config.spreadBps / 2 / 10_000;
  const participation = barVolume > 0 ? qty / barVolume : 1;
  return half + config.impactCoefficient * Math.sqrt(participation);
}

/**
 * The taker fill price: reference moved against the side by `fraction`, rounded onto the tick
 * grid against the trader. Prices are integers in the market's price units.
 */
export function takerPrice(
  rules: MarketRules,
  side: OrderSide,
  reference: bigint,
  fraction: number,
): bigint {
  // The adjustment is computed in floating point (it is a model, not money) and then rounded
  // up to whole price units, so the resulting price is an exact integer on the tick grid.
  const adj = BigInt(Math.ceil(Number(reference) * fraction));
  return side === 'buy'
    ? rules.roundToTick(reference + adj, 'up')
    : rules.roundToTick(reference - adj > 0n ? reference - adj : rules.tick, 'down');
}

/** Whether a resting limit is filled by a bar's range. */
export function limitTradedThrough(
  side: OrderSide,
  limit: bigint,
  low: bigint,
  high: bigint,
  touchFills: boolean,
): boolean {
  if (side === 'buy') return touchFills ? low <= limit : low < limit;
  return touchFills ? high >= limit : high > limit;
}

/** Whether a stop triggers within a bar: buy stops on the high, sell stops on the low. */
export function stopTriggered(side: OrderSide, stop: bigint, low: bigint, high: bigint): boolean {
  return side === 'buy' ? high >= stop : low <= stop;
}

/** The reference price of a triggered stop: its stop, or the open if the bar gapped past it. */
export function stopReference(side: OrderSide, stop: bigint, open: bigint): bigint {
  if (side === 'buy') return open > stop ? open : stop;
  return open < stop ? open : stop;
}
