import { assertFinite, assertPeriod } from './ta-lib-numerics';

/**
 * Exponential moving average as TA-Lib's TA_INT_EMA computes it: seeded with the plain mean of
 * the `period` values ending at the first output, then prev + (value - prev) * k.
 * `firstOutputIndex` lets MACD seed its fast EMA later than its own period, exactly as
 * TA_INT_MACD does (both EMAs start at the slow EMA's first index). O(1) per value.
 */
export class StreamingEma {
  private readonly recent: Float64Array;
  private readonly k: number;
  private readonly firstOutputIndex: number;
  private count = 0;
  private prev = 0;

  constructor(
    readonly period: number,
    options: { k?: number; firstOutputIndex?: number } = {},
  ) {
    assertPeriod('EMA', 'period', period, 1);
    this.k = options.k ?? 2 / (period + 1);
    this.firstOutputIndex = options.firstOutputIndex ?? period - 1;
    if (!Number.isInteger(this.firstOutputIndex) || this.firstOutputIndex < period - 1) {
      throw new RangeError(
        `EMA: firstOutputIndex must be >= period - 1, got ${this.firstOutputIndex}`,
      );
    }
    this.recent = new Float64Array(period);
  }

  update(value: number): number | null {
    assertFinite('EMA', 'input', value);
    const index = this.count;
    this.count += 1;
    if (index < this.firstOutputIndex) {
      this.recent[index % this.period] = value;
      return null;
    }
    if (index === this.firstOutputIndex) {
      this.recent[index % this.period] = value;
      // Sum the last `period` values oldest first, the order TA-Lib adds them in.
      let sum = 0;
      for (let j = index - this.period + 1; j <= index; j += 1) {
        sum += this.recent[j % this.period] as number;
      }
      this.prev = sum / this.period;
      return this.prev;
    }
    this.prev = (value - this.prev) * this.k + this.prev;
    return this.prev;
  }
}
