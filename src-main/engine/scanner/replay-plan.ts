import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../src-shared/domain/candle';
import { aggregateCandles } from '../market/candle-aggregator';
import { parseCandleFileName } from '../market/candle-file-name';
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

/** A market's chosen source file: everything its replay is built from. */
export interface MarketSourceFile {
  readonly exchange: string;
  readonly symbol: string;
  readonly quote: string;
  /** File name (no folder). */
  readonly file: string;
  readonly timeframe: Timeframe;
  readonly candles: Candle[];
  readonly gaps: number;
}

/**
 * Builds a deterministic replay of a folder of candle files for the given timeframes. Per
 * market it picks one source file — among those whose timeframe divides the shortest
 * requested one, the file giving the most primary bars (ties: the finer file) — and
 * aggregates it exactly to every requested timeframe, so all timeframes of a market cover
 * the same period. The trailing bucket is dropped when incomplete (it had not closed); inner
 * buckets cut by gaps are kept (they did close). marketEvents() gives one market's replay
 * order. Holds every market in memory; chooseMarketSources() streams them instead.
 */
export async function buildReplayPlan(
  dir: string,
  timeframes: readonly Timeframe[],
): Promise<ReplayPlan> {
  const markets: MarketReplay[] = [];
  const { skipped } = await chooseMarketSources(dir, timeframes, (chosen) => {
    markets.push(resampleMarket(chosen, timeframes));
  });
  return { sources: markets.map((m) => m.source), skipped, markets };
}

/**
 * The plan's first half, one market at a time: each market's files are loaded and its source
 * chosen, and the choice handed to `visit` before the next market's files are read, so a large
 * folder holds one market's files at a time. Markets come in sorted order (exchange, symbol).
 */
export async function chooseMarketSources(
  dir: string,
  timeframes: readonly Timeframe[],
  visit: (chosen: MarketSourceFile) => void,
): Promise<Pick<ReplayPlan, 'skipped'>> {
  const sorted = [...timeframes].sort((a, b) => TIMEFRAME_MS[a] - TIMEFRAME_MS[b]);
  const skipped: ReplayPlan['skipped'] = [];
  for (const names of marketFileGroups(dir)) {
    const loaded: LoadedCandles[] = [];
    for (const name of names) {
      try {
        loaded.push(await loadCandleCsv(join(dir, name)));
      } catch (error) {
        if (!(error instanceof CandleFileError)) throw error;
        skipped.push({ file: name, reason: error.message });
      }
    }
    const best = loaded.length === 0 ? null : chooseSource(loaded, sorted, skipped);
    if (best !== null) {
      visit({
        exchange: best.exchange,
        symbol: best.symbol,
        quote: best.quote,
        file: fileName(best.file),
        timeframe: best.timeframe,
        candles: best.candles,
        gaps: best.gaps.length,
      });
    }
  }
  return { skipped: skipped.sort((a, b) => compare(a.file, b.file)) };
}

/** The plan's second half: a chosen source aggregated exactly to every timeframe. */
export function resampleMarket(
  chosen: MarketSourceFile,
  timeframes: readonly Timeframe[],
): MarketReplay {
  const sorted = [...timeframes].sort((a, b) => TIMEFRAME_MS[a] - TIMEFRAME_MS[b]);
  const bars: Partial<Record<Timeframe, number>> = {};
  const series = sorted.map((timeframe) => {
    const candles = resample(
      chosen.candles,
      TIMEFRAME_MS[chosen.timeframe],
      TIMEFRAME_MS[timeframe],
    );
    bars[timeframe] = candles.length;
    return { timeframe, candles };
  });
  const source: ReplaySource = {
    exchange: chosen.exchange,
    symbol: chosen.symbol,
    file: chosen.file,
    sourceTimeframe: chosen.timeframe,
    bars,
    gaps: chosen.gaps,
  };
  return { source, quote: chosen.quote, series };
}

/**
 * The folder's .csv files grouped by the market their name gives (exchange and symbol, as
 * the loader reads them), markets in sorted order. A name that does not parse is a group of
 * its own: loading it reports why it was refused.
 */
export function marketFileGroups(dir: string): string[][] {
  const groups = new Map<string, string[]>();
  const files = readdirSync(dir)
    .filter((n) => n.endsWith('.csv'))
    .sort();
  for (const name of files) {
    const parsed = parseCandleFileName(name);
    const key =
      typeof parsed === 'string' ? `\u0001${name}` : `${parsed.exchange}\u0000${parsed.symbol}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [name]);
    else group.push(name);
  }
  return [...groups.keys()].sort().map((key) => groups.get(key) as string[]);
}

/** Picks a market's source file among its loaded files (null: none fits), noting the rest. */
function chooseSource(
  all: readonly LoadedCandles[],
  sorted: readonly Timeframe[],
  skipped: ReplayPlan['skipped'],
): LoadedCandles | null {
  const primaryMs = TIMEFRAME_MS[sorted[0] as Timeframe];
  const candidates = all.filter((l) => primaryMs % TIMEFRAME_MS[l.timeframe] === 0);
  if (candidates.length === 0) {
    for (const l of all)
      skipped.push({
        file: fileName(l.file),
        reason: `timeframe ${l.timeframe} is coarser than ${sorted[0]}`,
      });
    return null;
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
  return best;
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
