import { assertFinite, assertPeriod, taIsZero } from './ta-lib-numerics';
import { trueRange } from './true-range';

export interface AdxValue {
  readonly adx: number;
  readonly plusDi: number;
  readonly minusDi: number;
}

/**
 * Average directional index as TA_ADX computes it: directional movement and true range summed
 * over the first period - 1 changes, then Wilder-smoothed (x - x / n + new); DX averaged over
 * the next `period` candles seeds ADX, which is then smoothed ((adx * (n - 1)) + dx) / n.
 * TA-Lib skips a DX whose true range or DI sum is zero by its epsilon test; so does this.
 * First output at index 2 * period - 1.
 */
export class StreamingAdx {
  private count = 0;
  private prevHigh = 0;
  private prevLow = 0;
  private prevClose = 0;
  private plusDm = 0;
  private minusDm = 0;
  private tr = 0;
  private sumDx = 0;
  private adxValue = 0;
  private plusDiValue = 0;
  private minusDiValue = 0;

  constructor(readonly period = 14) {
    assertPeriod('ADX', 'period', period);
  }

  update(high: number, low: number, close: number): AdxValue | null {
    return this.step(high, low, close)
      ? { adx: this.adx, plusDi: this.plusDi, minusDi: this.minusDi }
      : null;
  }

  /** The latest ADX (valid after step() returned true). */
  get adx(): number {
    return this.adxValue;
  }

  get plusDi(): number {
    return this.plusDiValue;
  }

  get minusDi(): number {
    return this.minusDiValue;
  }

  /** update() without the result object: true once ADX has a value. */
  step(high: number, low: number, close: number): boolean {
    assertFinite('ADX', 'high', high);
    assertFinite('ADX', 'low', low);
    assertFinite('ADX', 'close', close);
    const index = this.count;
    this.count += 1;
    const n = this.period;
    if (index === 0) {
      this.prevHigh = high;
      this.prevLow = low;
      this.prevClose = close;
      return false;
    }
    const diffP = high - this.prevHigh;
    this.prevHigh = high;
    const diffM = this.prevLow - low;
    this.prevLow = low;
    const seeding = index < n;
    if (!seeding) {
      this.minusDm -= this.minusDm / n;
      this.plusDm -= this.plusDm / n;
    }
    if (diffM > 0 && diffP < diffM) this.minusDm += diffM;
    else if (diffP > 0 && diffP > diffM) this.plusDm += diffP;
    const tr = trueRange(high, low, this.prevClose);
    this.prevClose = close;
    if (seeding) {
      this.tr += tr;
      return false;
    }
    this.tr = this.tr - this.tr / n + tr;
    let dx: number | null = null;
    if (!taIsZero(this.tr)) {
      this.minusDiValue = 100.0 * (this.minusDm / this.tr);
      this.plusDiValue = 100.0 * (this.plusDm / this.tr);
      const sum = this.minusDiValue + this.plusDiValue;
      if (!taIsZero(sum)) dx = 100.0 * (Math.abs(this.minusDiValue - this.plusDiValue) / sum);
    }
    const firstOutput = 2 * n - 1;
    if (index < firstOutput) {
      if (dx !== null) this.sumDx += dx;
      return false;
    }
    if (index === firstOutput) {
      if (dx !== null) this.sumDx += dx;
      this.adxValue = this.sumDx / n;
    } else if (dx !== null) {
      this.adxValue = (this.adxValue * (n - 1) + dx) / n;
    }
    return true;
  }
}
