import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../src-shared/domain/candle';
import type { SeriesKey } from '../../../src-shared/domain/market';
import { aggregateCandles } from './candle-aggregator';
import { seriesId } from './market-feed';

/** One validated candle series to replay (a LoadedCandles fits). */
export interface ReplaySource extends SeriesKey {
  readonly candles: readonly Candle[];
}

export interface TimelineSeries {
  readonly key: SeriesKey;
  readonly id: string;
  readonly tfMs: number;
  readonly origin: 'file' | 'aggregated';
  readonly candles: readonly Candle[];
  /** Per candle: false for an aggregated bucket with missing source candles. */
  readonly complete: readonly boolean[];
}

/** One bar close: candle `index` of `series` closes at `closeTime`. */
export interface TimelineEvent {
  readonly closeTime: number;
  readonly series: number;
  readonly index: number;
}

export interface Timeline {
  readonly series: readonly TimelineSeries[];
  readonly events: readonly TimelineEvent[];
}

/**
 * Merges every series (files plus timeframes derived from them by exact aggregation) into one
 * sequence of bar closes, ordered by close time, then shorter timeframe first, then series id.
 * That order is total, so the same sources always give the same sequence whatever order the
 * files were listed in. A derived bucket still open when its source data ends never closes,
 * so it is not in the timeline.
 */
export function buildTimeline(
  sources: readonly ReplaySource[],
  derive: readonly Timeframe[],
): Timeline {
  const series: TimelineSeries[] = [];
  const ids = new Set<string>();
  for (const source of sources) {
    const key = { exchange: source.exchange, symbol: source.symbol, timeframe: source.timeframe };
    const id = seriesId(key);
    if (ids.has(id)) throw new Error(`replay: two sources for the same series ${id}`);
    ids.add(id);
    series.push({
      key,
      id,
      tfMs: TIMEFRAME_MS[source.timeframe],
      origin: 'file',
      candles: source.candles,
      complete: source.candles.map(() => true),
    });
  }
  for (const source of sources) {
    const fromMs = TIMEFRAME_MS[source.timeframe];
    for (const timeframe of derive) {
      const toMs = TIMEFRAME_MS[timeframe];
      const key = { exchange: source.exchange, symbol: source.symbol, timeframe };
      const id = seriesId(key);
      if (toMs <= fromMs || toMs % fromMs !== 0 || ids.has(id)) continue;
      const buckets = aggregateCandles(source.candles, fromMs, toMs);
      const last = buckets.at(-1);
      if (last !== undefined && !last.complete) buckets.pop();
      ids.add(id);
      series.push({
        key,
        id,
        tfMs: toMs,
        origin: 'aggregated',
        candles: buckets.map(({ openTime, open, high, low, close, volume }) => ({
          openTime,
          open,
          high,
          low,
          close,
          volume,
        })),
        complete: buckets.map((b) => b.complete),
      });
    }
  }
  series.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const events: TimelineEvent[] = [];
  series.forEach((s, seriesIndex) => {
    s.candles.forEach((c, index) => {
      events.push({ closeTime: c.openTime + s.tfMs, series: seriesIndex, index });
    });
  });
  events.sort(
    (a, b) =>
      a.closeTime - b.closeTime ||
      (series[a.series] as TimelineSeries).tfMs - (series[b.series] as TimelineSeries).tfMs ||
      a.series - b.series,
  );
  return { series, events };
}
