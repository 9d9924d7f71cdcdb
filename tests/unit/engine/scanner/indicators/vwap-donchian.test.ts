import { describe, expect, it } from 'vitest';
import { loadCandleCsv } from '../../../../../src-main/engine/market/csv-loader';
import { StreamingDonchian } from '../../../../../src-main/engine/scanner/indicators/donchian';
import { StreamingVwap } from '../../../../../src-main/engine/scanner/indicators/vwap';
import { sharedCandleFile } from '../../../../support/candle-data';

// VWAP and Donchian are not TA-Lib functions; they are checked against a from-scratch
// computation over each window.
describe('VWAP(20) and Donchian(20)', () => {
  it('match a from-scratch window computation on a gappy real series', async () => {
    const { candles } = await loadCandleCsv(sharedCandleFile('bittrex_NXT-BTC_1m.csv'));
    const vwap = new StreamingVwap(20);
    const donchian = new StreamingDonchian(20);
    candles.forEach((c, i) => {
      const v = vwap.update(c.high, c.low, c.close, c.volume);
      const d = donchian.update(c.high, c.low);
      if (i < 19) {
        expect(v).toBeNull();
        expect(d).toBeNull();
        return;
      }
      const window = candles.slice(i - 19, i + 1);
      const volume = window.reduce((a, w) => a + w.volume, 0);
      const pv = window.reduce((a, w) => a + ((w.high + w.low + w.close) / 3) * w.volume, 0);
      if (volume === 0) expect(v).toBeNull();
      else expect(Math.abs((v as number) - pv / volume)).toBeLessThanOrEqual(1e-12 * (pv / volume));
      expect(d).toEqual({
        upper: Math.max(...window.map((w) => w.high)),
        lower: Math.min(...window.map((w) => w.low)),
        middle:
          (Math.max(...window.map((w) => w.high)) + Math.min(...window.map((w) => w.low))) / 2,
      });
    });
  });

  it('VWAP is null (not a made-up price) when the window traded nothing', () => {
    // Synthetic: a no-trade window is exactly the case real files rarely contain.
    const vwap = new StreamingVwap(3);
    vwap.update(2, 1, 1.5, 0.1);
    vwap.update(2, 1, 1.5, 0.2);
    expect(vwap.update(2, 1, 1.5, 0)).not.toBeNull();
    vwap.update(2, 1, 1.5, 0);
    vwap.update(2, 1, 1.5, 0);
    expect(vwap.update(2, 1, 1.5, 0)).toBeNull();
  });
});
