import { TIMEFRAME_MS, type Candle } from '../../../src-shared/domain/candle';
import type { MarketSeries, SeriesKey } from '../../../src-shared/domain/market';
import { CandleSeriesValidator, findGaps } from './candle-validation';
import { FeedDataError } from './feed-errors';
import { seriesId, sliceWindow, type CandleWindow, type CandleWindowResult } from './market-feed';

/** Candles kept in memory per live series (older ones stay in the candle store). */
const MEMORY_CAP = 5000;

/** One live series: its validated candles and its polling state. */
export class LiveSeries {
  readonly id: string;
  readonly tfMs: number;
  readonly candles: Candle[] = [];
  backfilled = false;
  nextPollAt = 0;
  /** Bad data refused on this series: it sits out until `nextPollAt`; others keep going. */
  problem: string | undefined;
  /** Why the exchange's market list does not serve this series (delisted, halted). */
  unlisted: string | undefined;
  private readonly validator: CandleSeriesValidator;

  constructor(readonly key: SeriesKey) {
    this.id = seriesId(key);
    this.tfMs = TIMEFRAME_MS[key.timeframe];
    this.validator = new CandleSeriesValidator(this.tfMs);
  }

  /** Open time of the last candle closed by `now`. */
  lastClosedOpen(now: number): number {
    return now - (now % this.tfMs) - this.tfMs;
  }

  /**
   * Validates candles in order and keeps the valid prefix; the first invalid candle stops the
   * intake and comes back as `refused`, naming the series and the candle.
   */
  take(candles: readonly Candle[]): {
    accepted: Array<{ candle: Candle; gapBefore: number }>;
    refused: FeedDataError | undefined;
  } {
    const accepted: Array<{ candle: Candle; gapBefore: number }> = [];
    for (const candle of candles) {
      const prev = this.candles.at(-1)?.openTime;
      const problems = this.validator.check(candle);
      if (problems.length > 0) {
        const refused = new FeedDataError(
          `${this.id} candle ${candle.openTime}: ${problems.join('; ')}`,
        );
        return { accepted, refused };
      }
      this.candles.push(candle);
      accepted.push({
        candle,
        gapBefore: prev === undefined ? 0 : (candle.openTime - prev) / this.tfMs - 1,
      });
    }
    if (this.candles.length > MEMORY_CAP) this.candles.splice(0, this.candles.length - MEMORY_CAP);
    return { accepted, refused: undefined };
  }

  window(window: CandleWindow): CandleWindowResult {
    const candles = sliceWindow(this.candles, this.candles.length, window);
    return { candles, gaps: findGaps(candles, this.tfMs) };
  }

  summary(): MarketSeries {
    return {
      ...this.key,
      origin: 'exchange',
      first: this.candles[0]?.openTime ?? null,
      last: this.candles.at(-1)?.openTime ?? null,
      bars: this.candles.length,
    };
  }
}
