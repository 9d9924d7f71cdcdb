import type { Candle } from '../../../src-shared/domain/candle';
import type {
  BarClosed,
  FeedStatus,
  MarketSeries,
  SeriesKey,
} from '../../../src-shared/domain/market';
import type { CandleGap } from './candle-validation';

/** A window request for closed candles of one series (open-time bounds, inclusive). */
export interface CandleWindow {
  readonly from?: number;
  readonly to?: number;
  readonly limit: number;
}

export interface CandleWindowResult {
  readonly candles: Candle[];
  readonly gaps: CandleGap[];
}

/**
 * The market data port. Replay, live (ccxt) and backtest feeds implement it; everything
 * downstream (scanner, paper broker, chart) sees only this. Bars arrive validated and in
 * close-time order; a gap is reported on the bar (`gapBefore`), never filled.
 */
export interface MarketFeed {
  /** `replay` or `ccxt:<exchange>`. */
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): FeedStatus;
  /**
   * Milliseconds since the last market update, in feed time (null before the first). The risk
   * layer refuses to trade on quotes older than its limit.
   */
  lastUpdateAgeMs(): number | null;
  series(): MarketSeries[];
  /** Closed candles only; a replay never shows candles after its virtual now. */
  candles(key: SeriesKey, window: CandleWindow): CandleWindowResult;
  onBar(listener: (bar: BarClosed) => void): () => void;
  onStatus(listener: (status: FeedStatus) => void): () => void;
}

export function seriesId(key: SeriesKey): string {
  return `${key.exchange}:${key.symbol}:${key.timeframe}`;
}

/** Picks the window from a strictly increasing candle array by binary search. */
export function sliceWindow(
  candles: readonly Candle[],
  end: number,
  window: CandleWindow,
): Candle[] {
  const lo = window.from === undefined ? 0 : lowerBound(candles, window.from, end);
  const hi = window.to === undefined ? end : lowerBound(candles, window.to + 1, end);
  return candles.slice(Math.max(lo, hi - window.limit), hi);
}

function lowerBound(candles: readonly Candle[], openTime: number, end: number): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((candles[mid] as Candle).openTime < openTime) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Tiny listener set whose failing listener is reported, never allowed to stop the feed. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  constructor(private readonly onError: (error: unknown) => void) {}

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(value: T): void {
    for (const listener of this.set) {
      try {
        listener(value);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
