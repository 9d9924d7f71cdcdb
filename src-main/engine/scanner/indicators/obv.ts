import { assertFinite } from './ta-lib-numerics';

/**
 * On-balance volume as TA_OBV computes it over a whole series: it starts at the first
 * candle's volume, then adds the volume on an up close and subtracts it on a down close.
 */
export class StreamingObv {
  private started = false;
  private prevClose = 0;
  private obv = 0;

  update(close: number, volume: number): number {
    assertFinite('OBV', 'close', close);
    assertFinite('OBV', 'volume', volume);
    if (!this.started) {
      this.started = true;
      this.obv = volume;
    } else if (close > this.prevClose) {
      this.obv += volume;
    } else if (close < this.prevClose) {
      this.obv -= volume;
    }
    this.prevClose = close;
    return this.obv;
  }
}
