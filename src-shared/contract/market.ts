import { z } from 'zod';
import { CandleSchema, TimeframeSchema } from '../domain/candle';
import {
  BarClosedSchema,
  FeedStatusSchema,
  MarketSeriesSchema,
  ReplaySpeedSchema,
  SeriesKeySchema,
} from '../domain/market';

const ReplayStateSchema = z.object({
  playing: z.boolean(),
  speed: ReplaySpeedSchema,
  /** Virtual time of the replay clock. */
  now: z.number().int(),
  finished: z.boolean(),
});

/** Market data commands and events: symbols, chart windows, replay control, bar closes. */
export const marketCommands = {
  listSymbols: {
    input: z.object({}).strict(),
    output: z.object({ feed: FeedStatusSchema, series: z.array(MarketSeriesSchema) }),
  },
  /** A window of closed candles for the chart, newest last; never includes the future. */
  getCandles: {
    input: z
      .object({
        exchange: z.string().min(1),
        symbol: z.string().min(1),
        timeframe: TimeframeSchema,
        /** Open-time bounds, inclusive. Without `to`, up to the latest closed candle. */
        from: z.number().int().optional(),
        to: z.number().int().optional(),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    output: z.object({
      candles: z.array(CandleSchema),
      gaps: z.array(
        z.object({ afterOpenTime: z.number().int(), missing: z.number().int().positive() }),
      ),
    }),
  },
  /**
   * Which series' bar closes this connection receives (default: all). The chart asks for the
   * series it shows; everything else (signals, orders, status, kill progress) is unaffected.
   */
  watchBars: {
    input: z.object({ series: z.array(SeriesKeySchema).max(64) }).strict(),
    output: z.object({ watching: z.number().int().nonnegative() }),
  },
  controlReplay: {
    input: z
      .object({
        action: z.enum(['play', 'pause', 'step']),
        speed: ReplaySpeedSchema.optional(),
      })
      .strict(),
    output: ReplayStateSchema,
  },
} as const;

export const marketEvents = {
  barClosed: BarClosedSchema,
  feedStatusChanged: FeedStatusSchema,
} as const;
