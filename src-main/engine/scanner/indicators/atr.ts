import { assertFinite, assertPeriod } from './ta-lib-numerics';
import { trueRange } from './true-range';

/**
 * Average true range as TA_ATR computes it: true range from the second candle on, seeded with
 * the plain mean of the first `period` true ranges, then Wilder smoothing
 * ((atr * (n - 1)) + tr) / n. First output at index `period`.
 */
export class StreamingAtr {
  private count = 0;
  private prevClose = 0;
  private seedSum = 0;
  private atr = 0;

  constructor(readonly period = 14) {
    assertPeriod('ATR', 'period', period);
  }

  update(high: number, low: number, close: number): number | null {
    assertFinite('ATR', 'high', high);
    assertFinite('ATR', 'low', low);
    assertFinite('ATR', 'close', close);
    const index = this.count;
    this.count += 1;
    if (index === 0) {
      this.prevClose = close;
      return null;
    }
    const tr = trueRange(high, low, this.prevClose);
    this.prevClose = close;
    const n = this.period;
    if (index < n) {
      this.seedSum += tr;
      return null;
    }
    if (index === n) {
      this.seedSum += tr;
      this.atr = this.seedSum / n;
      return this.atr;
    }
    this.atr *= n - 1;
    this.atr += tr;
    this.atr /= n;
    return this.atr;
  }
}
