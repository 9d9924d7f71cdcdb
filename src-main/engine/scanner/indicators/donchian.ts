import { RollingExtreme } from './rolling-extreme';
import { assertFinite, assertPeriod } from './ta-lib-numerics';

export interface DonchianValue {
  readonly upper: number;
  readonly lower: number;
  readonly middle: number;
}

/** Donchian channel: highest high and lowest low of the last `period` candles, O(1) amortized. */
export class StreamingDonchian {
  private readonly highest: RollingExtreme;
  private readonly lowest: RollingExtreme;

  constructor(readonly period = 20) {
    assertPeriod('Donchian', 'period', period, 1);
    this.highest = new RollingExtreme(period, 'max');
    this.lowest = new RollingExtreme(period, 'min');
  }

  update(high: number, low: number): DonchianValue | null {
    assertFinite('Donchian', 'high', high);
    assertFinite('Donchian', 'low', low);
    const upper = this.highest.push(high);
    const lower = this.lowest.push(low);
    if (!this.highest.filled) return null;
    return { upper, lower, middle: (upper + lower) / 2 };
  }
}
