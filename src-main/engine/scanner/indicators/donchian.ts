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
  private latestUpper = 0;
  private latestLower = 0;

  constructor(readonly period = 20) {
    assertPeriod('Donchian', 'period', period, 1);
    this.highest = new RollingExtreme(period, 'max');
    this.lowest = new RollingExtreme(period, 'min');
  }

  update(high: number, low: number): DonchianValue | null {
    return this.step(high, low)
      ? { upper: this.upper, lower: this.lower, middle: (this.upper + this.lower) / 2 }
      : null;
  }

  /** update() without the result object: true once the window is full. */
  step(high: number, low: number): boolean {
    assertFinite('Donchian', 'high', high);
    assertFinite('Donchian', 'low', low);
    this.latestUpper = this.highest.push(high);
    this.latestLower = this.lowest.push(low);
    return this.highest.filled;
  }

  /** The latest highest high (valid after step() returned true). */
  get upper(): number {
    return this.latestUpper;
  }

  get lower(): number {
    return this.latestLower;
  }
}
