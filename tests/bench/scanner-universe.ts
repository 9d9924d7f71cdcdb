// The scanner bench's universe, shared with scripts/board-golden.ts (which hashes what the
// same closes give): 600 markets of real FTX BTC-PERP minutes, aggregated to 15m/1h/4h.
import type { Candle, Timeframe } from '../../src-shared/domain/candle';
import { TIMEFRAME_MS } from '../../src-shared/domain/candle';
import { CandleAggregator } from '../../src-main/engine/market/candle-aggregator';
import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import type { ScannerCandle } from '../../src-main/engine/scanner/scanner-core';
import { sharedCandleFile } from '../support/candle-data';
import { defined } from '../support/defined';

const FTX = 'ftx_BTC-PERP_1m.csv';
export const MARKETS = 600;
export const TIMEFRAMES = ['15m', '1h', '4h'] as const;
/** 4h bars of warm-up (200 hours), then 20 more 4h periods measured bar close by bar close. */
const WARM_4H = 50;
const MEASURED_4H = 20;
const MINUTES = (WARM_4H + MEASURED_4H) * 240;

/**
 * Market m replays the real FTX BTC-PERP minutes starting m * 37 minutes in, re-timed to a
 * common start and scaled in price, so every market is real movement and no two are alike.
 * Aggregated exactly to 15m/1h/4h; returns the closed bars of every market, per timeframe.
 */
function universe(base: readonly Candle[]): Map<Timeframe, Candle[][]> {
  const start = Math.ceil(defined(base[0]).openTime / TIMEFRAME_MS['4h']) * TIMEFRAME_MS['4h'];
  const out = new Map<Timeframe, Candle[][]>(TIMEFRAMES.map((tf) => [tf, []]));
  for (let m = 0; m < MARKETS; m += 1) {
    const shift = m * 37;
    const scale = 1 + m / 1000;
    const aggregators = TIMEFRAMES.map((tf) => new CandleAggregator(60_000, TIMEFRAME_MS[tf]));
    const bars: Candle[][] = TIMEFRAMES.map(() => []);
    for (let i = 0; i < MINUTES; i += 1) {
      const c = base[shift + i];
      if (c === undefined) throw new Error(`bench: ${FTX} is too short for ${MARKETS} markets`);
      const candle: Candle = {
        openTime: start + i * 60_000,
        open: c.open * scale,
        high: c.high * scale,
        low: c.low * scale,
        close: c.close * scale,
        volume: c.volume,
      };
      aggregators.forEach((a, t) => {
        for (const bar of a.push(candle)) if (bar.complete) defined(bars[t]).push(bar);
      });
    }
    TIMEFRAMES.forEach((tf, t) => defined(out.get(tf)).push(defined(bars[t])));
  }
  return out;
}

/**
 * A close's candles as the feed hands them over: made at the close (as the market pipeline
 * does), not minutes earlier, so the bench does not read 1,800 objects scattered through an
 * old heap that the engine would have just allocated.
 */
export function fresh(batch: readonly ScannerCandle[]): ScannerCandle[] {
  return batch.map((c) => ({ ...c, candle: { ...c.candle } }));
}

/** Every close time's batch in replay order: longer timeframes first at equal close times. */
function closeBatches(
  series: Map<Timeframe, Candle[][]>,
): Array<{ at: number; batch: ScannerCandle[] }> {
  const byClose = new Map<number, ScannerCandle[]>();
  // One string per market, as a feed hands the scanner the same symbol string every bar.
  const symbols = Array.from({ length: MARKETS }, (_, m) => `M${m}/USD`);
  for (const tf of [...TIMEFRAMES].reverse()) {
    defined(series.get(tf)).forEach((bars, m) => {
      for (const candle of bars) {
        const at = candle.openTime + TIMEFRAME_MS[tf];
        let batch = byClose.get(at);
        if (batch === undefined) byClose.set(at, (batch = []));
        batch.push({
          exchange: 'bench',
          symbol: defined(symbols[m]),
          quote: 'USD',
          timeframe: tf,
          candle,
        });
      }
    });
  }
  return [...byClose.entries()].sort((a, b) => a[0] - b[0]).map(([at, batch]) => ({ at, batch }));
}

/** The universe's bar closes in replay order, split into warm-up and measured closes. */
export async function scannerUniverse(): Promise<{
  warm: Array<{ at: number; batch: ScannerCandle[] }>;
  measured: Array<{ at: number; batch: ScannerCandle[] }>;
}> {
  const { candles } = await loadCandleCsv(sharedCandleFile(FTX));
  const batches = closeBatches(universe(candles));
  const warmUntil = defined(batches[0]).at - TIMEFRAME_MS['15m'] + WARM_4H * TIMEFRAME_MS['4h'];
  return {
    warm: batches.filter((b) => b.at <= warmUntil),
    measured: batches.filter((b) => b.at > warmUntil),
  };
}
