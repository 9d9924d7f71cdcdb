import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../src-shared/domain/candle';
import { loadCandleCsv } from '../../../../src-main/engine/market/csv-loader';
import {
  buildChartModel,
  classifyUpdate,
  pricePrecision,
} from '../../../../src-renderer/view/chart-model';
import { sharedCandleFile } from '../../../support/candle-data';

async function realCandles(): Promise<readonly Candle[]> {
  return (await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1h.csv'))).candles.slice(0, 200);
}

describe('chart model', () => {
  it('builds every series from one window, times in seconds, overlays only after warm-up', async () => {
    const candles = await realCandles();
    const model = buildChartModel(candles);
    expect(model.candles).toHaveLength(200);
    expect(model.candles[0]?.time).toBe((candles[0]?.openTime ?? 0) / 1000);
    expect(model.volume).toHaveLength(200);
    expect(model.ema20).toHaveLength(181);
    expect(model.bbUpper).toHaveLength(181);
    expect(model.rsi14).toHaveLength(186);
    expect(model.macdSignal).toHaveLength(200 - 33);
  });

  it('classifies a new window as a live update or a reset', async () => {
    const candles = await realCandles();
    const base = candles.slice(0, 100);
    expect(classifyUpdate([], base)).toBe('reset');
    expect(classifyUpdate(base, candles.slice(0, 101))).toBe('append');
    // A sliding window (oldest dropped) is still an append at the end.
    expect(classifyUpdate(base, candles.slice(1, 101))).toBe('append');
    const last = base[99] as Candle;
    expect(classifyUpdate(base, [...base.slice(0, 99), { ...last, close: last.close + 1 }])).toBe(
      'replace-last',
    );
    // Several bars at once (a batch at max replay speed) resets the series data.
    expect(classifyUpdate(base, candles.slice(0, 103))).toBe('reset');
  });

  it('shows sub-cent prices with enough decimals to read', () => {
    expect(pricePrecision(43_123.5)).toBe(2);
    expect(pricePrecision(1)).toBe(2);
    expect(pricePrecision(0.5)).toBe(4);
    expect(pricePrecision(0.00003141)).toBe(8);
    expect(pricePrecision(Number.NaN)).toBe(2);
  });
});
