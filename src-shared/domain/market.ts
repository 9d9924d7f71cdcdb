import { z } from 'zod';
import { CandleSchema, TimeframeSchema } from './candle';

/**
 * Health of a market feed. CONNECTING: starting or reconnecting; LIVE: updates arriving;
 * STALE: no update within the staleness threshold (data may be wrong, trading should stop);
 * DOWN: no connection, or the feed was stopped; ENDED: the replay played its last bar, so no
 * price will come by design (a known state, not a failure: no panic fires on it). Every state
 * carries a human reason.
 */
export const FeedStateSchema = z.enum(['CONNECTING', 'LIVE', 'STALE', 'DOWN', 'ENDED']);
export type FeedState = z.infer<typeof FeedStateSchema>;

export const FeedStatusSchema = z.object({
  /** Which feed: `replay` or `ccxt:<exchange>`. */
  feed: z.string(),
  state: FeedStateSchema,
  reason: z.string(),
  /** When this state began (feed time: virtual in replay, wall clock live). */
  since: z.number().int(),
  /** Feed time of the last market update, null before the first. */
  lastUpdateAt: z.number().int().nullable(),
});
export type FeedStatus = z.infer<typeof FeedStatusSchema>;

/** One candle series a feed serves. `symbol` is the unified `BASE/QUOTE` form. */
export const SeriesKeySchema = z.object({
  exchange: z.string().min(1),
  symbol: z.string().min(1),
  timeframe: TimeframeSchema,
});
export type SeriesKey = z.infer<typeof SeriesKeySchema>;

export const MarketSeriesSchema = SeriesKeySchema.extend({
  /** Where the candles come from: a file, derived by aggregation, or the exchange. */
  origin: z.enum(['file', 'aggregated', 'exchange']),
  /** Open time of the first and last candle available now (null when none yet). */
  first: z.number().int().nullable(),
  last: z.number().int().nullable(),
  bars: z.number().int().nonnegative(),
});
export type MarketSeries = z.infer<typeof MarketSeriesSchema>;

/** A candle closed. Higher timeframes derived from gappy data may close incomplete. */
export const BarClosedSchema = SeriesKeySchema.extend({
  candle: CandleSchema,
  /** False for an aggregated bucket with missing source candles: a gap, not a full bar. */
  complete: z.boolean(),
  /** Missing slots between this bar and the previous bar of the series (0: consecutive). */
  gapBefore: z.number().int().nonnegative(),
  source: z.enum(['replay', 'live']),
});
export type BarClosed = z.infer<typeof BarClosedSchema>;

export const ReplaySpeedSchema = z.enum(['1x', '10x', '60x', 'max']);
export type ReplaySpeed = z.infer<typeof ReplaySpeedSchema>;

/**
 * The best bid and ask of a market, from the exchange's ticker or book-ticker stream. Sizes
 * are what the exchange shows at the touch (null when it does not say).
 */
export const QuoteSchema = z.object({
  exchange: z.string().min(1),
  symbol: z.string().min(1),
  bid: z.number().positive(),
  ask: z.number().positive(),
  bidSize: z.number().nonnegative().nullable(),
  askSize: z.number().nonnegative().nullable(),
  /** Exchange time of the quote, or when it arrived if the exchange sends none. */
  at: z.number().int(),
});
export type Quote = z.infer<typeof QuoteSchema>;

/**
 * A venue's last traded price of a symbol at the exchange's time (its ticker): a real observed
 * price, which keeps a held position's mark fresh between bar closes.
 */
export interface LastTrade {
  readonly exchange: string;
  readonly symbol: string;
  readonly price: number;
  readonly at: number;
}

/** A quote's spread in basis points of its mid price. */
export function spreadBps(quote: Pick<Quote, 'bid' | 'ask'>): number {
  return ((quote.ask - quote.bid) / ((quote.ask + quote.bid) / 2)) * 10_000;
}
