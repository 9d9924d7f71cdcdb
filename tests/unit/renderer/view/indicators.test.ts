import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../src-shared/domain/candle';
import { loadCandleCsv } from '../../../../src-main/engine/market/csv-loader';
import { bollinger, ema, macd, rsi, type Series } from '../../../../src-renderer/view/indicators';
import { sharedCandleFile } from '../../../support/candle-data';
import { taLibColumns } from '../../../support/ta-lib-reference';

/** Relative agreement wherever TA-Lib has a value; ours must also be null where it has none. */
function expectAgreement(
  ours: Series,
  reference: ReadonlyArray<number | null>,
  where: string,
): void {
  let compared = 0;
  reference.forEach((want, i) => {
    if (want === null) return;
    const got = ours[i];
    if (got === null || got === undefined)
      throw new Error(`${where}: no value at ${i}, TA-Lib has ${want}`);
    const scale = Math.max(Math.abs(want), 1e-12);
    if (Math.abs(got - want) / scale > 1e-9 && Math.abs(got - want) > 1e-12) {
      throw new Error(`${where}[${i}]: ${got} vs TA-Lib ${want}`);
    }
    compared++;
  });
  expect(compared).toBeGreaterThan(100);
}

describe('chart overlays agree with TA-Lib on real candles', () => {
  for (const file of ['binance_ETH-USDT_1h.csv', 'bittrex_ADA-BTC_5m.csv']) {
    it(file, async () => {
      const { candles } = await loadCandleCsv(sharedCandleFile(file));
      const closes = candles.map((c: Candle) => c.close);
      const ref = taLibColumns(candles);
      expectAgreement(ema(closes, 20), ref.ema20, 'ema20');
      expectAgreement(rsi(closes, 14), ref.rsi14, 'rsi14');
      const bands = bollinger(closes, 20, 2);
      expectAgreement(bands.middle, ref.bbMiddle, 'bbMiddle');
      if (file.startsWith('binance')) {
        expectAgreement(bands.upper, ref.bbUpper, 'bbUpper');
        expectAgreement(bands.lower, ref.bbLower, 'bbLower');
      }
      const m = macd(closes);
      expectAgreement(m.macd, ref.macd, 'macd');
      expectAgreement(m.signal, ref.macdSignal, 'macdSignal');
      expectAgreement(m.histogram, ref.macdHist, 'macdHist');
    });
  }

  it('keeps Bollinger width on sub-cent prices where TA-Lib rounds the variance to zero', async () => {
    // TA-Lib treats a variance below 1e-8 as zero, so an ADA/BTC band (prices ~6e-5) collapses
    // onto its middle; the chart keeps the true (two-pass, population) width instead.
    const { candles } = await loadCandleCsv(sharedCandleFile('bittrex_ADA-BTC_5m.csv'));
    const closes = candles.map((c: Candle) => c.close);
    const ref = taLibColumns(candles);
    const bands = bollinger(closes, 20, 2);
    const i = 1449;
    expect(ref.bbUpper[i]).toBe(ref.bbMiddle[i]);
    const window = closes.slice(i - 19, i + 1);
    const mean = window.reduce((a, b) => a + b, 0) / 20;
    const sd = Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / 20);
    expect(sd).toBeGreaterThan(0);
    expect(bands.upper[i]).toBeCloseTo(mean + 2 * sd, 15);
  });

  it('rejects a period that is not a positive integer, naming the indicator', () => {
    expect(() => ema([1, 2, 3], 0)).toThrow('ema: period must be a positive integer, got 0');
    expect(() => rsi([1, 2, 3], 2.5)).toThrow('rsi: period');
  });

  it('returns nulls only while warming up on a short series', () => {
    expect(ema([1, 2], 3)).toEqual([null, null]);
    expect(rsi([1, 2, 3], 14)).toEqual([null, null, null]);
  });
});
