import { describe, expect, it } from 'vitest';
import { TIMEFRAME_MS, type Candle } from '../../../../src-shared/domain/candle';
import {
  aggregateCandles,
  CandleAggregator,
} from '../../../../src-main/engine/market/candle-aggregator';
import { loadCandleCsv } from '../../../../src-main/engine/market/csv-loader';
import { decimalSum } from '../../../../src-main/engine/market/decimal-sum';
import { sharedCandleFile } from '../../../support/candle-data';

const M1 = TIMEFRAME_MS['1m'];
const M5 = TIMEFRAME_MS['5m'];

describe('1m -> 5m against the exchange (Binance snapshot of 2018-06-18)', () => {
  for (const pair of ['BTC-USDT', 'ETH-USDT', 'ETH-BTC']) {
    it(`${pair}: every complete 5m bucket equals Binance's own 5m candle`, async () => {
      const one = await loadCandleCsv(sharedCandleFile(`binance_${pair}_1m.csv`));
      const five = await loadCandleCsv(sharedCandleFile(`binance_${pair}_5m.csv`));
      const exchange = new Map(five.candles.map((c) => [c.openTime, c]));
      const ours = aggregateCandles(one.candles, M1, M5);
      const complete = ours.filter((c) => c.complete);
      // 1m runs 04:48..21:27: the 04:45 and 21:25 buckets are partial, the 199 between (04:50..21:20) are full.
      expect(complete).toHaveLength(199);
      expect(ours[0]).toMatchObject({ complete: false, sources: 2 });
      expect(ours.at(-1)).toMatchObject({ complete: false, sources: 3 });
      for (const candle of complete) {
        const { complete: _c, sources: _s, ...ohlcv } = candle;
        expect(ohlcv, new Date(candle.openTime).toISOString()).toEqual(
          exchange.get(candle.openTime),
        );
      }
    });
  }

  it('5m -> 1h of the same snapshot equals the exchange 1h candles', async () => {
    const five = await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_5m.csv'));
    const hour = await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1h.csv'));
    const exchange = new Map(hour.candles.map((c) => [c.openTime, c]));
    const complete = aggregateCandles(five.candles, M5, TIMEFRAME_MS['1h']).filter(
      (c) => c.complete,
    );
    // 5m runs 10:10 (06-15) .. 21:25 (06-18, still open): full hours 11:00 .. 20:00 overlap.
    expect(complete.length).toBe(82);
    for (const { complete: _c, sources: _s, ...ohlcv } of complete) {
      expect(ohlcv).toEqual(exchange.get(ohlcv.openTime));
    }
  });
});

describe('CandleAggregator', () => {
  it('buckets on UTC day boundaries and marks a bucket with a gap incomplete', async () => {
    // Real gappy 1m series: bittrex DASH-BTC has 1954 missing minutes.
    const loaded = await loadCandleCsv(sharedCandleFile('bittrex_DASH-BTC_1m.csv'));
    const days = aggregateCandles(loaded.candles, M1, TIMEFRAME_MS['1d']);
    for (const day of days) expect(day.openTime % 86_400_000).toBe(0);
    expect(days.every((d) => !d.complete)).toBe(true);
    const hours = aggregateCandles(loaded.candles, M1, TIMEFRAME_MS['1h']);
    for (const h of hours) expect(h.complete).toBe(h.sources === 60);
    expect(hours.reduce((n, h) => n + h.sources, 0)).toBe(loaded.candles.length);
  });

  it('emits a full bucket the moment its last slot arrives, never a partial as complete', () => {
    // Synthetic: exact slot arithmetic is easier to read on round numbers.
    const c = (t: number, v = 1): Candle => ({
      openTime: t * M1,
      open: t,
      high: t + 1,
      low: t - 1,
      close: t,
      volume: v,
    });
    const agg = new CandleAggregator(M1, M5);
    expect(agg.push(c(5))).toEqual([]);
    expect(agg.push(c(6))).toEqual([]);
    expect(agg.push(c(7))).toEqual([]);
    expect(agg.push(c(8))).toEqual([]);
    expect(agg.pending()).toMatchObject({ complete: false, sources: 4 });
    expect(agg.push(c(9, 0.2))).toEqual([
      {
        openTime: 5 * M1,
        open: 5,
        high: 10,
        low: 4,
        close: 9,
        volume: 4.2,
        complete: true,
        sources: 5,
      },
    ]);
    expect(agg.push(c(11))).toEqual([]);
    // 11 opens the 10..14 bucket; 16 leaves it behind with four slots missing.
    expect(agg.push(c(16))).toEqual([
      {
        openTime: 10 * M1,
        open: 11,
        high: 12,
        low: 10,
        close: 11,
        volume: 1,
        complete: false,
        sources: 1,
      },
    ]);
    expect(agg.flush()).toMatchObject([{ openTime: 15 * M1, complete: false, sources: 1 }]);
    expect(() => agg.push(c(3))).not.toThrow(); // flushed: a new series may start anywhere
  });

  it('refuses misaligned, non-increasing input and non-multiple timeframes', () => {
    expect(() => new CandleAggregator(M5, 7 * M1)).toThrow('not a multiple');
    const agg = new CandleAggregator(M1, M5);
    const c = { openTime: M1, open: 1, high: 1, low: 1, close: 1, volume: 1 };
    agg.push(c);
    expect(() => agg.push(c)).toThrow('strictly increasing');
    expect(() => agg.push({ ...c, openTime: M1 * 2 + 1 })).toThrow('not aligned');
  });
});

describe('decimalSum', () => {
  it('adds decimals exactly where binary addition drifts', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(decimalSum([0.1, 0.2])).toBe(0.3);
    expect(decimalSum([15.085915, 29.571759, 23.476987, 38.78344, 57.627415])).toBe(164.545516);
    expect(decimalSum([5.33e-5, 1e-7, -2e-8])).toBe(0.00005338);
    expect(decimalSum([1e21, 1])).toBe(1e21 + 1);
    expect(decimalSum([0.1, 1e-15, 123456789.123456])).toBe(123456789.223456 + 1e-15);
    expect(() => decimalSum([1, Number.NaN])).toThrow('non-finite');
  });

  it('fast and exact paths agree with a decimal reference on real volumes', async () => {
    // Every 5-candle window of real 1m volumes, against BigInt arithmetic on the file's text.
    const text = (await import('node:fs')).readFileSync(
      sharedCandleFile('bittrex_ADA-BTC_1m.csv'),
      'utf8',
    );
    const cells = text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[5] as string);
    for (let i = 0; i + 5 <= 2000; i += 1) {
      const window = cells.slice(i, i + 5);
      expect(decimalSum(window.map(Number))).toBe(Number(referenceSum(window)));
    }
  });
});

/** Exact decimal sum of decimal strings (no exponents), as a decimal string. */
function referenceSum(cells: readonly string[]): string {
  const scale = Math.max(...cells.map((c) => (c.split('.')[1] ?? '').length));
  let total = 0n;
  for (const c of cells) {
    const [int, frac = ''] = c.split('.') as [string, string?];
    total += BigInt(int + frac.padEnd(scale, '0'));
  }
  const digits = total.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
}
