import { assertFinite, assertPeriod } from './ta-lib-numerics';

/**
 * Rolling volume-weighted average of the typical price over the last `period` candles (not
 * TA-Lib; used by the mean-reversion factor). `null` while warming up and when the window
 * traded no volume (no price was paid, so no average exists). The sums are re-added over the
 * fixed window each candle (O(period), constant per candle) rather than kept running: a
 * running sum leaves a rounding residue when the volume leaves the window, and residue /
 * residue would be a made-up price.
 */
export class StreamingVwap {
  private readonly pv: Float64Array;
  private readonly v: Float64Array;
  private count = 0;

  constructor(readonly period = 20) {
    assertPeriod('VWAP', 'period', period, 1);
    this.pv = new Float64Array(period);
    this.v = new Float64Array(period);
  }

  update(high: number, low: number, close: number, volume: number): number | null {
    assertFinite('VWAP', 'volume', volume);
    const typical = (high + low + close) / 3;
    assertFinite('VWAP', 'typical price', typical);
    const slot = this.count % this.period;
    this.pv[slot] = typical * volume;
    this.v[slot] = volume;
    this.count += 1;
    if (this.count < this.period) return null;
    let sumPv = 0;
    let sumV = 0;
    for (let i = 0; i < this.period; i += 1) {
      sumPv += this.pv[i] as number;
      sumV += this.v[i] as number;
    }
    if (sumV === 0) return null;
    return sumPv / sumV;
  }
}
