import { z } from 'zod';
import { CandleSchema, TimeframeSchema } from '../domain/candle';
import {
  BarClosedSchema,
  FeedStatusSchema,
  MarketSeriesSchema,
  ReplaySpeedSchema,
  SeriesKeySchema,
} from '../domain/market';

export const ReplayStateSchema = z.object({
  playing: z.boolean(),
  speed: ReplaySpeedSchema,
  /** Virtual time of the replay clock. */
  now: z.number().int(),
  finished: z.boolean(),
  /** The times the replay can be put at: the first candle's open and the last bar's close. */
  start: z.number().int(),
  end: z.number().int(),
  /** Counts seeks (restart, rewind, jump): a new epoch means charts and the board reload. */
  epoch: z.number().int().nonnegative(),
});
export type ReplayStateView = z.infer<typeof ReplayStateSchema>;

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
  /**
   * Play (optionally at a speed), pause, step one bar close, seek to a time, or restart from
   * the replay's start (after its warm-up history). Seeks are refused while the paper book has
   * open positions or working orders: they would see prices jump.
   */
  controlReplay: {
    input: z.discriminatedUnion('action', [
      z.object({ action: z.literal('play'), speed: ReplaySpeedSchema.optional() }).strict(),
      z.object({ action: z.enum(['pause', 'step', 'restart']) }).strict(),
      z.object({ action: z.literal('seek'), to: z.number().int() }).strict(),
    ]),
    output: ReplayStateSchema,
  },
  getReplayState: { input: z.object({}).strict(), output: ReplayStateSchema },
} as const;

export const marketEvents = {
  barClosed: BarClosedSchema,
  feedStatusChanged: FeedStatusSchema,
  /** The replay was played, paused, stepped, sped up or put at another time (a new epoch). */
  replayChanged: ReplayStateSchema,
} as const;
