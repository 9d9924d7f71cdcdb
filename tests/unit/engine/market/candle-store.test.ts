import { describe, expect, it } from 'vitest';
import { CandleStore } from '../../../../src-main/engine/market/candle-store';
import { loadCandleCsv } from '../../../../src-main/engine/market/csv-loader';
import { openVigilStore } from '../../../../src-main/engine/schema';
import { sharedCandleFile } from '../../../support/candle-data';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const key = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' } as const;

describe('CandleStore', () => {
  it('upserts idempotently and survives a reopen', async () => {
    const { candles } = await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1m.csv'));
    const path = `${tempDir()}/vigil.db`;
    const first = openVigilStore(path);
    const store = new CandleStore(first.db);
    store.upsert(key, candles.slice(0, 600));
    store.upsert(key, candles.slice(500)); // overlaps 100 candles
    store.upsert(key, candles); // everything again
    expect(store.count(key)).toBe(1000);
    first.close();

    const reopened = openVigilStore(path);
    const again = new CandleStore(reopened.db);
    expect(again.count(key)).toBe(1000);
    expect(again.latest(key)).toEqual(candles.at(-1));
    expect(again.window(key, { limit: 3 })).toEqual(candles.slice(-3));
    const from = candles[10]?.openTime as number;
    expect(again.window(key, { from, to: from + 120_000, limit: 100 })).toEqual(
      candles.slice(10, 13),
    );
    expect(again.count({ ...key, timeframe: '5m' })).toBe(0);
    reopened.close();
  });

  it('replaces a candle re-sent with corrected values, and refuses invalid ones', async () => {
    const { candles } = await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1m.csv'));
    const db = openVigilStore(':memory:');
    const store = new CandleStore(db.db);
    const last = candles.at(-1) as (typeof candles)[number];
    store.upsert(key, [{ ...last, close: last.open, high: Math.max(last.high, last.open) }]);
    store.upsert(key, [last]);
    expect(store.window(key, { limit: 10 })).toEqual([last]);
    expect(() =>
      store.upsert(key, [candles[0] as (typeof candles)[number], { ...last, high: last.low - 1 }]),
    ).toThrow('binance:BTC/USDT:1m candle #1: high');
    expect(() => store.upsert(key, [{ ...last, volume: Number.NaN }])).toThrow(
      'volume is not a finite number',
    );
    expect(store.count(key)).toBe(1); // the refused batch wrote nothing
    db.close();
  });
});
