import type { Candle } from '../../../src-shared/domain/candle';
import { decimalSum } from './decimal-sum';

const NOTHING: readonly AggregatedCandle[] = Object.freeze([]);

/** A higher-timeframe candle built from lower-timeframe ones. */
export interface AggregatedCandle extends Candle {
  /** True only when every source slot of the bucket was present. */
  readonly complete: boolean;
  /** Source candles that went into the bucket. */
  readonly sources: number;
}

/**
 * Streaming, exact resampling from one timeframe to a multiple of it, on UTC boundaries (epoch
 * multiples, so a 1d bucket starts at 00:00 UTC). open = first, close = last, high/low =
 * extremes, volume = exact decimal sum. A bucket is emitted as complete the moment its last
 * slot arrives; a bucket that is left behind with slots missing (gap, or the feed moved on)
 * is emitted marked incomplete — never as complete, never filled.
 */
export class CandleAggregator {
  private bucket: Candle[] = [];
  private bucketOpen: number | undefined;
  private readonly perBucket: number;

  constructor(
    private readonly fromMs: number,
    private readonly toMs: number,
  ) {
    if (!Number.isSafeInteger(fromMs) || fromMs <= 0) {
      throw new Error(`CandleAggregator: source timeframe ${fromMs} ms is not a positive integer`);
    }
    if (!Number.isSafeInteger(toMs) || toMs < fromMs || toMs % fromMs !== 0) {
      throw new Error(
        `CandleAggregator: target timeframe ${toMs} ms is not a multiple of the source ${fromMs} ms`,
      );
    }
    this.perBucket = toMs / fromMs;
  }

  /**
   * Adds the next source candle (already validated, strictly increasing) and returns the
   * buckets this closes, in time order.
   */
  push(candle: Candle): readonly AggregatedCandle[] {
    if (candle.openTime % this.fromMs !== 0) {
      throw new Error(
        `CandleAggregator: candle ${candle.openTime} is not aligned to ${this.fromMs} ms`,
      );
    }
    const last = this.bucket.at(-1);
    if (last !== undefined && candle.openTime <= last.openTime) {
      throw new Error(
        `CandleAggregator: candle ${candle.openTime} does not follow ${last.openTime} (must be strictly increasing)`,
      );
    }
    const open = candle.openTime - (candle.openTime % this.toMs);
    // Most pushes close nothing: return a shared empty list instead of allocating one.
    let out: AggregatedCandle[] | undefined;
    if (this.bucketOpen !== undefined && open !== this.bucketOpen) out = [this.take()];
    this.bucketOpen = open;
    this.bucket.push(candle);
    if (this.bucket.length === this.perBucket) (out ??= []).push(this.take());
    return out ?? NOTHING;
  }

  /** The bucket in progress (always incomplete), for charts that show the forming bar. */
  pending(): AggregatedCandle | undefined {
    return this.bucket.length === 0 ? undefined : this.build(false);
  }

  /** Emits what is left (incomplete) and resets; for the end of a finite series. */
  flush(): readonly AggregatedCandle[] {
    return this.bucket.length === 0 ? [] : [this.take()];
  }

  private take(): AggregatedCandle {
    const result = this.build(this.bucket.length === this.perBucket);
    this.bucket = [];
    this.bucketOpen = undefined;
    return result;
  }

  private build(complete: boolean): AggregatedCandle {
    const first = this.bucket[0] as Candle;
    let high = first.high;
    let low = first.low;
    const volumes: number[] = [];
    for (const c of this.bucket) {
      if (c.high > high) high = c.high;
      if (c.low < low) low = c.low;
      volumes.push(c.volume);
    }
    return {
      openTime: this.bucketOpen as number,
      open: first.open,
      high,
      low,
      close: (this.bucket.at(-1) as Candle).close,
      volume: decimalSum(volumes),
      complete,
      sources: this.bucket.length,
    };
  }
}

/** Resamples a whole validated series; the last bucket is complete only if it is full. */
export function aggregateCandles(
  candles: readonly Candle[],
  fromMs: number,
  toMs: number,
): AggregatedCandle[] {
  const aggregator = new CandleAggregator(fromMs, toMs);
  const out: AggregatedCandle[] = [];
  for (const candle of candles) for (const c of aggregator.push(candle)) out.push(c);
  for (const c of aggregator.flush()) out.push(c);
  return out;
}
