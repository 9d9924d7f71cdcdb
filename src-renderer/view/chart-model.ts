import type { Candle } from '../../src-shared/domain/candle';
import { bollinger, ema, macd, rsi, type Series } from './indicators';

/** A point on a line or histogram; `time` in epoch seconds as lightweight-charts wants it. */
export interface Point {
  readonly time: number;
  readonly value: number;
  readonly color?: string;
}

export interface CandlePoint {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

export interface ChartModel {
  readonly candles: CandlePoint[];
  readonly volume: Point[];
  readonly ema20: Point[];
  readonly bbUpper: Point[];
  readonly bbMiddle: Point[];
  readonly bbLower: Point[];
  readonly rsi14: Point[];
  readonly macd: Point[];
  readonly macdSignal: Point[];
  readonly macdHist: Point[];
}

export const UP_COLOUR = '#26a69a';
export const DOWN_COLOUR = '#ef5350';

const toSeconds = (ms: number): number => Math.floor(ms / 1000);

function points(times: readonly number[], values: Series): Point[] {
  const out: Point[] = [];
  values.forEach((v, i) => {
    const t = times[i];
    if (v !== null && t !== undefined) out.push({ time: t, value: v });
  });
  return out;
}

/** Everything the chart draws, derived from one candle window. Pure, so it is unit-tested. */
export function buildChartModel(candles: readonly Candle[]): ChartModel {
  const times = candles.map((c) => toSeconds(c.openTime));
  const closes = candles.map((c) => c.close);
  const bands = bollinger(closes, 20, 2);
  const m = macd(closes);
  return {
    candles: candles.map((c, i) => ({
      time: times[i] ?? 0,
      open: c.open,
      high: c.high,
      low: c.low,
      close: c.close,
    })),
    volume: candles.map((c, i) => ({
      time: times[i] ?? 0,
      value: c.volume,
      color: c.close >= c.open ? `${UP_COLOUR}80` : `${DOWN_COLOUR}80`,
    })),
    ema20: points(times, ema(closes, 20)),
    bbUpper: points(times, bands.upper),
    bbMiddle: points(times, bands.middle),
    bbLower: points(times, bands.lower),
    rsi14: points(times, rsi(closes, 14)),
    macd: points(times, m.macd),
    macdSignal: points(times, m.signal),
    macdHist: points(times, m.histogram).map((p) => ({
      ...p,
      color: p.value >= 0 ? `${UP_COLOUR}aa` : `${DOWN_COLOUR}aa`,
    })),
  };
}

/**
 * How the chart should apply a new candle window: `append`/`replace-last` update the series
 * in place (a live bar close or tick), anything else (another symbol, a gap, a reload) resets.
 */
export type ChartUpdate = 'append' | 'replace-last' | 'reset';

export function classifyUpdate(previous: readonly Candle[], next: readonly Candle[]): ChartUpdate {
  const prevLast = previous[previous.length - 1];
  const nextLast = next[next.length - 1];
  if (prevLast === undefined || nextLast === undefined) return 'reset';
  if (nextLast.openTime === prevLast.openTime && next.length === previous.length)
    return 'replace-last';
  // Growing or sliding window: the bar before the new last one is the old last one.
  if (next[next.length - 2]?.openTime === prevLast.openTime) return 'append';
  return 'reset';
}

/**
 * Decimals to show for a price: 2 for prices of 1 and above, else enough to show four
 * significant digits (0.00003141 -> 8), so a sub-cent pair never reads as "0.00".
 */
export function pricePrecision(price: number): number {
  if (!Number.isFinite(price) || price <= 0) return 2;
  if (price >= 1) return 2;
  return Math.min(12, Math.ceil(-Math.log10(price)) + 3);
}
