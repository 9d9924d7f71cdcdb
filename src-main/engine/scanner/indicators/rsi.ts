import { assertFinite, assertPeriod, taIsZero } from './ta-lib-numerics';

/**
 * Wilder's RSI as TA_RSI computes it (classic, no unstable period): the first average gain and
 * loss are plain means of the first `period` changes; then avg = (avg * (n - 1) + x) / n.
 * RSI = 100 * gain / (gain + loss), 0 when the sum is zero by TA-Lib's test. First output
 * after period + 1 closes.
 */
export class StreamingRsi {
  private count = 0;
  private prevClose = 0;
  private gain = 0;
  private loss = 0;

  constructor(readonly period: number) {
    assertPeriod('RSI', 'period', period);
  }

  update(close: number): number | null {
    assertFinite('RSI', 'close', close);
    const index = this.count;
    this.count += 1;
    if (index === 0) {
      this.prevClose = close;
      return null;
    }
    const change = close - this.prevClose;
    this.prevClose = close;
    const n = this.period;
    if (index <= n) {
      if (change < 0) this.loss -= change;
      else this.gain += change;
      if (index < n) return null;
      this.loss /= n;
      this.gain /= n;
    } else {
      this.loss *= n - 1;
      this.gain *= n - 1;
      if (change < 0) this.loss -= change;
      else this.gain += change;
      this.loss /= n;
      this.gain /= n;
    }
    const total = this.gain + this.loss;
    return taIsZero(total) ? 0 : 100 * (this.gain / total);
  }
}
