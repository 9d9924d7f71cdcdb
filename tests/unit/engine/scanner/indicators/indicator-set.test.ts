import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../../src-shared/domain/candle';
import { loadCandleCsv } from '../../../../../src-main/engine/market/csv-loader';
import { IndicatorSet } from '../../../../../src-main/engine/scanner/indicators/indicator-set';
import { sharedCandleFile } from '../../../../support/candle-data';
import { defined } from '../../../../support/defined';

describe('IndicatorSet input checks', () => {
  it('refuses out-of-order candles, NaN fields and OHLC violations, naming the candle', async () => {
    const { candles } = await loadCandleCsv(sharedCandleFile('binance_ETH-USDT_1d.csv'));
    const first = defined(candles[0]);
    const second = defined(candles[1]);
    const set = new IndicatorSet();
    set.update(first);
    expect(() => set.update(first)).toThrow(
      `candle at ${first.openTime}: open time does not follow`,
    );
    const nan: Candle = { ...second, volume: Number.NaN };
    expect(() => set.update(nan)).toThrow(
      `candle at ${second.openTime}: volume is not a finite number`,
    );
    const broken: Candle = { ...second, high: second.low - 1 };
    expect(() => set.update(broken)).toThrow('OHLC inconsistent');
    // A refused candle leaves the state untouched: the next good one is accepted.
    expect(set.update(second).timestamp).toBe(second.openTime);
    expect(set.count).toBe(2);
  });
});
