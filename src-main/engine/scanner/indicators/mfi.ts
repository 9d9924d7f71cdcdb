import { assertFinite, assertPeriod } from './ta-lib-numerics';

/**
 * Money flow index as TA_MFI computes it: raw flow = typical price * volume, signed by the
 * change of the typical price (no flow when unchanged), summed over `period` flows with the
 * same subtract-oldest-then-add order. MFI = 100 * positive / total — and 0 when the total is
 * below 1.0, a TA-Lib rule kept for agreement (it matters for tiny-priced pairs; the scanner's
 * factors therefore do not use MFI on such markets without checking `total`).
 */
export class StreamingMfi {
  private readonly positive: Float64Array;
  private readonly negative: Float64Array;
  private count = 0;
  private slot = 0;
  private prevTypical = 0;
  private positiveSum = 0;
  private negativeSum = 0;

  constructor(readonly period = 14) {
    assertPeriod('MFI', 'period', period);
    this.positive = new Float64Array(period);
    this.negative = new Float64Array(period);
  }

  update(high: number, low: number, close: number, volume: number): number | null {
    assertFinite('MFI', 'high', high);
    assertFinite('MFI', 'low', low);
    assertFinite('MFI', 'close', close);
    assertFinite('MFI', 'volume', volume);
    const index = this.count;
    this.count += 1;
    const typical = (high + low + close) / 3.0;
    if (index === 0) {
      this.prevTypical = typical;
      return null;
    }
    if (index > this.period) {
      this.positiveSum -= this.positive[this.slot] as number;
      this.negativeSum -= this.negative[this.slot] as number;
    }
    const change = typical - this.prevTypical;
    this.prevTypical = typical;
    const flow = typical * volume;
    if (change < 0) {
      this.negative[this.slot] = flow;
      this.negativeSum += flow;
      this.positive[this.slot] = 0;
    } else if (change > 0) {
      this.positive[this.slot] = flow;
      this.positiveSum += flow;
      this.negative[this.slot] = 0;
    } else {
      this.positive[this.slot] = 0;
      this.negative[this.slot] = 0;
    }
    this.slot = (this.slot + 1) % this.period;
    if (index < this.period) return null;
    const total = this.positiveSum + this.negativeSum;
    return total < 1.0 ? 0 : 100.0 * (this.positiveSum / total);
  }
}
