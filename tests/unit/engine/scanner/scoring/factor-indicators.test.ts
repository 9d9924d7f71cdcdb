import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../../src-shared/domain/candle';
import { loadCandleCsv } from '../../../../../src-main/engine/market/csv-loader';
import {
  IndicatorSet,
  type IndicatorSnapshot,
} from '../../../../../src-main/engine/scanner/indicators/indicator-set';
import {
  FactorIndicators,
  type FactorSnapshot,
} from '../../../../../src-main/engine/scanner/scoring/factor-indicators';
import { sharedCandleFile } from '../../../../support/candle-data';
import { defined } from '../../../../support/defined';

const KEYS = [
  'close',
  'rsi14',
  'ema20',
  'macdHist',
  'atr14',
  'adx14',
  'obv',
  'vwap20',
  'donchianUpper',
  'donchianLower',
] as const satisfies ReadonlyArray<keyof FactorSnapshot>;

function pick(s: FactorSnapshot | IndicatorSnapshot): Record<string, number | null> {
  return Object.fromEntries(KEYS.map((k) => [k, s[k]]));
}

describe('FactorIndicators', () => {
  it('gives bit for bit the full set values the factors read, this bar and the previous', async () => {
    const { candles } = await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1h.csv'));
    const full = new IndicatorSet();
    const lean = new FactorIndicators();
    let previous: IndicatorSnapshot | null = null;
    for (const candle of candles) {
      const expected = full.update(candle);
      const now = lean.update(candle);
      // toEqual on numbers is Object.is: -0, NaN and the last bit all count.
      expect(pick(now)).toEqual(pick(expected));
      expect(lean.previous === null ? null : pick(lean.previous)).toEqual(
        previous === null ? null : pick(previous),
      );
      previous = expected;
    }
    expect(defined(previous).donchianUpper).not.toBeNull();
  });

  it('refuses a bad candle with the full set words and keeps both snapshots', async () => {
    const { candles } = await loadCandleCsv(sharedCandleFile('binance_ETH-USDT_1d.csv'));
    const [a, b, c] = [defined(candles[0]), defined(candles[1]), defined(candles[2])];
    const full = new IndicatorSet();
    const lean = new FactorIndicators();
    const values = [a, b].map((candle) => {
      full.update(candle);
      return pick(lean.update(candle));
    });
    const nan: Candle = { ...c, close: Number.NaN };
    expect(() => lean.update(nan)).toThrow(`candle at ${c.openTime}: close is not a finite number`);
    expect(() => lean.update(b)).toThrow('open time does not follow');
    // Both refusals left this bar and the previous as they were, and the next good candle
    // goes on from them exactly as the full set does.
    expect(pick(defined(lean.previous))).toEqual(values[0]);
    expect(pick(lean.update(c))).toEqual(pick(full.update(c)));
    expect(pick(defined(lean.previous))).toEqual(values[1]);
  });
});
