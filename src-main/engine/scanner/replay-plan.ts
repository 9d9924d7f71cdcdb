import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../src-shared/domain/candle';
import { aggregateCandles } from '../market/candle-aggregator';
import { CandleFileError, loadCandleCsv, type LoadedCandles } from '../market/csv-loader';
import type { ScannerCandle } from './scanner-core';

/** Which file fed a market, and how its timeframes were made. */
export interface ReplaySource {
  readonly exchange: string;
  readonly symbol: string;
  readonly file: string;
  readonly sourceTimeframe: Timeframe;
  readonly bars: Readonly<Partial<Record<Timeframe, number>>>;
  readonly gaps: number;
}

/** One market's closed candles, per requested timeframe (shortest first). */
export interface MarketReplay {
  readonly source: ReplaySource;
  readonly quote: string;
  readonly series: ReadonlyArray<{ readonly timeframe: Timeframe; readonly candles: Candle[] }>;
}

export interface ReplayPlan {
  /** What fed each market, in market order (exchange, then symbol). */
  readonly sources: ReplaySource[];
  /** Files that could not be used, with the reason (the loader's error, or no usable timeframe). */
  readonly skipped: Array<{ readonly file: string; readonly reason: string }>;
  /** The markets' candles, in the order of `sources`. Markets share no scanner state. */
  readonly markets: MarketReplay[];
}

/**
 * Builds a deterministic replay of a folder of candle files for the given timeframes. Per
 * market it picks one source file — among those whose timeframe divides the shortest
 * requested one, the file giving the most primary bars (ties: the finer file) — and
 * aggregates it exactly to every requested timeframe, so all timeframes of a market cover
 * the same period. The trailing bucket is dropped when incomplete (it had not closed); inner
 * buckets cut by gaps are kept (they did close). marketEvents() gives one market's replay
 * order.
 */
export async function buildReplayPlan(
  dir: string,
  timeframes: readonly Timeframe[],
): Promise<ReplayPlan> {
  const sorted = [...timeframes].sort((a, b) => TIMEFRAME_MS[a] - TIMEFRAME_MS[b]);
  const primaryMs = TIMEFRAME_MS[sorted[0] as Timeframe];
  const files = readdirSync(dir)
    .filter((n) => n.endsWith('.csv'))
    .sort();
  const skipped: ReplayPlan['skipped'] = [];
  const byMarket = new Map<string, LoadedCandles[]>();
  for (const name of files) {
    const file = join(dir, name);
    try {
      const loaded = await loadCandleCsv(file);
      const key = `${loaded.exchange}\u0000${loaded.symbol}`;
      byMarket.set(key, [...(byMarket.get(key) ?? []), loaded]);
    } catch (error) {
      if (!(error instanceof CandleFileError)) throw error;
      skipped.push({ file: name, reason: error.message });
    }
  }
  const sources: ReplaySource[] = [];
  const markets: MarketReplay[] = [];
  for (const key of [...byMarket.keys()].sort()) {
    const candidates = (byMarket.get(key) as LoadedCandles[]).filter(
      (l) => primaryMs % TIMEFRAME_MS[l.timeframe] === 0,
    );
    const all = byMarket.get(key) as LoadedCandles[];
    if (candidates.length === 0) {
      for (const l of all)
        skipped.push({
          file: fileName(l.file),
          reason: `timeframe ${l.timeframe} is coarser than ${sorted[0]}`,
        });
      continue;
    }
    const span = (l: LoadedCandles): number =>
      Math.floor((l.candles.length * TIMEFRAME_MS[l.timeframe]) / primaryMs);
    const best = [...candidates].sort(
      (a, b) => span(b) - span(a) || TIMEFRAME_MS[a.timeframe] - TIMEFRAME_MS[b.timeframe],
    )[0] as LoadedCandles;
    for (const l of all) {
      if (l !== best)
        skipped.push({
          file: fileName(l.file),
          reason: `not used: ${fileName(best.file)} covers ${l.symbol} better`,
        });
    }
    const bars: Partial<Record<Timeframe, number>> = {};
    const series = sorted.map((timeframe) => {
      const candles = resample(best.candles, TIMEFRAME_MS[best.timeframe], TIMEFRAME_MS[timeframe]);
      bars[timeframe] = candles.length;
      return { timeframe, candles };
    });
    const source: ReplaySource = {
      exchange: best.exchange,
      symbol: best.symbol,
      file: fileName(best.file),
      sourceTimeframe: best.timeframe,
      bars,
      gaps: best.gaps.length,
    };
    sources.push(source);
    markets.push({ source, quote: best.quote, series });
  }
  return { sources, skipped: skipped.sort((a, b) => compare(a.file, b.file)), markets };
}

/**
 * One market's closed candles in replay order: by close time, longer timeframes first at
 * equal times (so a 15m close sees the 1h bar that closed with it). A merge of the per-
 * timeframe series, each already in time order.
 */
export function marketEvents(market: MarketReplay): ScannerCandle[] {
  const { exchange, symbol } = market.source;
  const longestFirst = [...market.series].reverse();
  const next = longestFirst.map(() => 0);
  const closeOf = (s: number): number => {
    const { timeframe, candles } = longestFirst[s] as (typeof longestFirst)[number];
    const candle = candles[next[s] as number];
    return candle === undefined
      ? Number.POSITIVE_INFINITY
      : candle.openTime + TIMEFRAME_MS[timeframe];
  };
  const total = market.series.reduce((n, s) => n + s.candles.length, 0);
  const events: ScannerCandle[] = new Array<ScannerCandle>(total);
  for (let i = 0; i < total; i += 1) {
    // The earliest close; on a tie the first series in longest-first order wins.
    let pick = 0;
    let pickClose = closeOf(0);
    for (let s = 1; s < longestFirst.length; s += 1) {
      const close = closeOf(s);
      if (close < pickClose) {
        pick = s;
        pickClose = close;
      }
    }
    const { timeframe, candles } = longestFirst[pick] as (typeof longestFirst)[number];
    const candle = candles[next[pick] as number] as Candle;
    next[pick] = (next[pick] as number) + 1;
    events[i] = { exchange, symbol, quote: market.quote, timeframe, candle };
  }
  return events;
}

/** The candles at `toMs`; aggregated bars keep their completeness fields (nothing reads them). */
function resample(candles: Candle[], fromMs: number, toMs: number): Candle[] {
  if (fromMs === toMs) return candles;
  const out = aggregateCandles(candles, fromMs, toMs);
  const last = out.at(-1);
  if (last !== undefined && !last.complete) out.pop();
  return out;
}

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
