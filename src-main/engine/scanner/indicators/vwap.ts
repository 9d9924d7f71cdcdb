import { assertFinite, assertPeriod } from './ta-lib-numerics';

/**
 * Rolling volume-weighted average of the typical price over the last `period` candles (not
 * TA-Lib; used by the mean-reversion factor). Running sums, O(1) per candle. `null` while
 * warming up and when the window traded no volume (no price was paid, so no average exists).
 */
export class StreamingVwap {
  private readonly pv: Float64Array;
  private readonly v: Float64Array;
  private count = 0;
  private sumPv = 0;
  private sumV = 0;

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
    if (this.count >= this.period) {
      this.sumPv -= this.pv[slot] as number;
      this.sumV -= this.v[slot] as number;
    }
    const pv = typical * volume;
    this.pv[slot] = pv;
    this.v[slot] = volume;
    this.sumPv += pv;
    this.sumV += volume;
    this.count += 1;
    if (this.count < this.period) return null;
    // Running sums can leave a tiny residue when all volume left the window; treat as none.
    if (this.sumV <= 0) return null;
    return this.sumPv / this.sumV;
  }
}
