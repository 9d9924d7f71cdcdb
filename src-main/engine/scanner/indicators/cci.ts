import { assertFinite, assertPeriod } from './ta-lib-numerics';

/**
 * Commodity channel index as TA_CCI computes it: typical prices in a circular buffer, mean and
 * mean absolute deviation summed in buffer order, CCI = (tp - mean) / (0.015 * meanDev), 0 when
 * either is zero. The mean deviation about a moving mean has no exact running form, so each
 * candle costs O(period) = 20 additions: constant per candle, independent of history length.
 */
export class StreamingCci {
  private readonly buffer: Float64Array;
  private count = 0;

  constructor(readonly period = 20) {
    assertPeriod('CCI', 'period', period);
    this.buffer = new Float64Array(period);
  }

  update(high: number, low: number, close: number): number | null {
    assertFinite('CCI', 'high', high);
    assertFinite('CCI', 'low', low);
    assertFinite('CCI', 'close', close);
    const period = this.period;
    const typical = (high + low + close) / 3;
    this.buffer[this.count % period] = typical;
    this.count += 1;
    if (this.count < period) return null;
    const buffer = this.buffer;
    let average = 0;
    for (let j = 0; j < period; j += 1) average += buffer[j] as number;
    average /= period;
    let deviation = 0;
    for (let j = 0; j < period; j += 1) deviation += Math.abs((buffer[j] as number) - average);
    const distance = typical - average;
    if (distance !== 0 && deviation !== 0) return distance / (0.015 * (deviation / period));
    return 0;
  }
}
