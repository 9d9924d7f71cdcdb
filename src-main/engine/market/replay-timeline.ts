import type { Candle } from '../../../src-shared/domain/candle';
import { TIMEFRAME_MS, type Timeframe } from '../../../src-shared/domain/timeframes';
import type { SeriesKey } from '../../../src-shared/domain/market';
import { aggregateCandles } from './candle-aggregator';
import { seriesId } from './market-feed';

/** One validated candle series to replay (a LoadedCandles fits). */
export interface ReplaySource extends SeriesKey {
  readonly candles: readonly Candle[];
}

/**
 * One series in columns. The arrays sit on SharedArrayBuffers: built once (in the loader's
 * worker thread), then shared read-only with the main thread and the scanner worker without a
 * copy or a deserialization pass.
 */
export interface TimelineSeries {
  readonly key: SeriesKey;
  readonly id: string;
  readonly tfMs: number;
  readonly origin: 'file' | 'aggregated';
  readonly length: number;
  readonly openTime: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** Per candle: 0 for an aggregated bucket with missing source candles. */
  readonly complete: Uint8Array;
}

/**
 * Every bar close of every series, in the replay's total order: close time, then LONGER
 * timeframe first (so a shorter bar closing at the same instant sees the longer bar that just
 * closed, as `vigil scan` does), then series id. Event i: candle `index[i]` of `series[i]`
 * closes at `closeTime[i]`.
 */
export interface Timeline {
  readonly series: readonly TimelineSeries[];
  readonly length: number;
  readonly closeTime: Float64Array;
  readonly seriesOf: Int32Array;
  readonly indexOf: Int32Array;
}

function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, n) * 8), 0, n);
}

function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4), 0, n);
}

function columns(
  key: SeriesKey,
  origin: TimelineSeries['origin'],
  candles: readonly Candle[],
  complete: (i: number) => boolean,
): TimelineSeries {
  const n = candles.length;
  const series = {
    key,
    id: seriesId(key),
    tfMs: TIMEFRAME_MS[key.timeframe],
    origin,
    length: n,
    openTime: sharedFloat64(n),
    open: sharedFloat64(n),
    high: sharedFloat64(n),
    low: sharedFloat64(n),
    close: sharedFloat64(n),
    volume: sharedFloat64(n),
    complete: new Uint8Array(new SharedArrayBuffer(Math.max(1, n)), 0, n),
  };
  candles.forEach((c, i) => {
    series.openTime[i] = c.openTime;
    series.open[i] = c.open;
    series.high[i] = c.high;
    series.low[i] = c.low;
    series.close[i] = c.close;
    series.volume[i] = c.volume;
    series.complete[i] = complete(i) ? 1 : 0;
  });
  return series;
}

/** Candle `i` of a series as an object (only for the bars actually handed out). */
export function candleAt(series: TimelineSeries, i: number): Candle {
  return {
    openTime: series.openTime[i] as number,
    open: series.open[i] as number,
    high: series.high[i] as number,
    low: series.low[i] as number,
    close: series.close[i] as number,
    volume: series.volume[i] as number,
  };
}

/** Index of the first candle whose open time is >= `openTime` (binary search). */
export function lowerBoundOpen(
  series: TimelineSeries,
  openTime: number,
  end = series.length,
): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((series.openTime[mid] as number) < openTime) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Candles of a series already closed at `time`. */
export function closedCount(series: TimelineSeries, time: number): number {
  return lowerBoundOpen(series, time - series.tfMs + 1);
}

/** Index of the first event closing after `time` (binary search): the replay cursor at `time`. */
export function cursorAt(timeline: Timeline, time: number): number {
  let lo = 0;
  let hi = timeline.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((timeline.closeTime[mid] as number) <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Merges every series (files plus timeframes derived from them by exact aggregation) into one
 * sequence of bar closes in the timeline's total order, so the same sources always give the
 * same sequence whatever order the files were listed in. A derived bucket still open when its
 * source data ends never closes, so it is not in the timeline. Each series is already in
 * close-time order, so the sequence is a k-way merge (a heap over the series), never a sort of
 * every event.
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
    series.push(columns(key, 'file', source.candles, () => true));
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
      series.push(
        columns(key, 'aggregated', buckets, (i) => (buckets[i] as { complete: boolean }).complete),
      );
    }
  }
  series.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return mergeEvents(series);
}

/** The k-way merge of every series' bar closes into the timeline's total order. */
function mergeEvents(series: readonly TimelineSeries[]): Timeline {
  const total = series.reduce((n, s) => n + s.length, 0);
  const closeTime = sharedFloat64(total);
  const seriesOf = sharedInt32(total);
  const indexOf = sharedInt32(total);
  const next = new Int32Array(series.length);
  const closeOf = (s: number): number => {
    const ser = series[s] as TimelineSeries;
    return (ser.openTime[next[s] as number] as number) + ser.tfMs;
  };
  // a before b: earlier close, then longer timeframe, then lower series index (id order).
  const before = (a: number, b: number): boolean => {
    const ca = closeOf(a);
    const cb = closeOf(b);
    if (ca !== cb) return ca < cb;
    const ta = (series[a] as TimelineSeries).tfMs;
    const tb = (series[b] as TimelineSeries).tfMs;
    return ta !== tb ? ta > tb : a < b;
  };
  const heap: number[] = [];
  const push = (s: number): void => {
    heap.push(s);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as number, heap[parent] as number)) break;
      [heap[i], heap[parent]] = [heap[parent] as number, heap[i] as number];
      i = parent;
    }
  };
  const pop = (): number => {
    const top = heap[0] as number;
    const last = heap.pop() as number;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < heap.length && before(heap[l] as number, heap[best] as number)) best = l;
        if (r < heap.length && before(heap[r] as number, heap[best] as number)) best = r;
        if (best === i) break;
        [heap[i], heap[best]] = [heap[best] as number, heap[i] as number];
        i = best;
      }
    }
    return top;
  };
  series.forEach((s, i) => {
    if (s.length > 0) push(i);
  });
  for (let e = 0; e < total; e += 1) {
    const s = pop();
    const index = next[s] as number;
    closeTime[e] = closeOf(s);
    seriesOf[e] = s;
    indexOf[e] = index;
    next[s] = index + 1;
    if (index + 1 < (series[s] as TimelineSeries).length) push(s);
  }
  return { series, length: total, closeTime, seriesOf, indexOf };
}

/**
 * First source candle's open (a derived bucket may open before it) and last bar close; null for
 * an empty timeline.
 */
export function timelineBounds(timeline: Timeline): { start: number; end: number } | null {
  let start = Infinity;
  for (const s of timeline.series)
    if (s.length > 0 && s.origin !== 'aggregated') start = Math.min(start, s.openTime[0] as number);
  if (timeline.length === 0 || !Number.isFinite(start)) return null;
  return { start, end: timeline.closeTime[timeline.length - 1] as number };
}
