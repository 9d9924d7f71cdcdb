import { assertFinite, assertPeriod } from './ta-lib-numerics';

/**
 * Simple moving average, TA-Lib's TA_INT_SMA step for step: a running total that adds the new
 * value, divides, then drops the trailing one. Same operation order, so the same rounding.
 * O(1) per value; first output after `period` values.
 */
export class StreamingSma {
  private readonly window: Float64Array;
  private count = 0;
  private total = 0;

  constructor(readonly period: number) {
    assertPeriod('SMA', 'period', period, 1);
    this.window = new Float64Array(period);
  }

  update(value: number): number | null {
    assertFinite('SMA', 'input', value);
    const period = this.period;
    const slot = this.count % period;
    this.count += 1;
    if (this.count < period) {
      this.total += value;
      this.window[slot] = value;
      return null;
    }
    this.total += value;
    const out = this.total / period;
    // The trailing value is the oldest of the `period` values including this one.
    const trailing = period === 1 ? value : (this.window[this.count % period] as number);
    this.total -= trailing;
    this.window[slot] = value;
    return out;
  }
}
