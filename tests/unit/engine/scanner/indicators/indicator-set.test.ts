import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../../src-shared/domain/candle';
import { loadCandleCsv } from '../../../../../src-main/engine/market/csv-loader';
import { StreamingAdx } from '../../../../../src-main/engine/scanner/indicators/adx';
import { StreamingBollinger } from '../../../../../src-main/engine/scanner/indicators/bollinger';
import { StreamingDonchian } from '../../../../../src-main/engine/scanner/indicators/donchian';
import { IndicatorSet } from '../../../../../src-main/engine/scanner/indicators/indicator-set';
import { StreamingMacd } from '../../../../../src-main/engine/scanner/indicators/macd';
import { StreamingStochastic } from '../../../../../src-main/engine/scanner/indicators/stochastic';
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

describe('multi-line indicators on their own', () => {
  it('update() gives, as one object, exactly the lines the set reads through step()', async () => {
    const { candles } = await loadCandleCsv(sharedCandleFile('bittrex_ETH-BTC_5m.csv'));
    const set = new IndicatorSet();
    const macd = new StreamingMacd(12, 26, 9);
    const bands = new StreamingBollinger(20, 2);
    const stoch = new StreamingStochastic(14, 3, 3);
    const adx = new StreamingAdx(14);
    const channel = new StreamingDonchian(20);
    let compared = 0;
    for (const c of candles.slice(0, 600)) {
      const s = set.update(c);
      const m = macd.update(c.close);
      const b = bands.update(c.close);
      const k = stoch.update(c.high, c.low, c.close);
      const a = adx.update(c.high, c.low, c.close);
      const d = channel.update(c.high, c.low);
      expect(m).toEqual(
        s.macd === null ? null : { macd: s.macd, signal: s.macdSignal, histogram: s.macdHist },
      );
      expect(b).toEqual(
        s.bbUpper === null
          ? null
          : { upper: s.bbUpper, middle: s.bbMiddle, lower: s.bbLower, deviation: s.bbDeviation },
      );
      expect(k).toEqual(s.stochK === null ? null : { k: s.stochK, d: s.stochD });
      expect(a).toEqual(
        s.adx14 === null ? null : { adx: s.adx14, plusDi: s.plusDi14, minusDi: s.minusDi14 },
      );
      expect(d?.upper ?? null).toBe(s.donchianUpper);
      expect(d?.lower ?? null).toBe(s.donchianLower);
      if (s.adx14 !== null) compared += 1;
    }
    expect(compared).toBeGreaterThan(500);
  });
});
