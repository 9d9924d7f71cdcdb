import { z } from 'zod';

/**
 * One OHLCV candle. `openTime` is the candle's open, epoch milliseconds UTC. Values are plain
 * numbers here (the wire and storage form); the market layer validates them at entry, and
 * nothing downstream ever sees a non-finite number or an OHLC violation.
 */
export interface Candle {
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export const CandleSchema = z.object({
  openTime: z.number().int(),
  open: z.number().finite(),
  high: z.number().finite(),
  low: z.number().finite(),
  close: z.number().finite(),
  volume: z.number().finite().nonnegative(),
});

/** Timeframes Vigil aggregates to and scans. */
export const TimeframeSchema = z.enum(['1m', '5m', '15m', '1h', '4h', '1d']);
export type Timeframe = z.infer<typeof TimeframeSchema>;

export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};
