import { z } from 'zod';
import { TIMEFRAMES } from './timeframes';

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
export const TimeframeSchema = z.enum(TIMEFRAMES);
export { TIMEFRAME_MS, type Timeframe } from './timeframes';
