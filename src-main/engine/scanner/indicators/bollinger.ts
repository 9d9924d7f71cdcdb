import { StreamingSma } from './sma';
import { assertPeriod, taIsZeroOrNeg } from './ta-lib-numerics';

export interface BollingerValue {
  readonly upper: number;
  readonly middle: number;
  readonly lower: number;
  /** Population standard deviation over the window. */
  readonly deviation: number;
}

/**
 * Bollinger bands with an SMA middle and the population standard deviation, computed as
 * TA_BBANDS / TA_INT_stddev_using_precalc_ma do: a running sum of squares (add the new square,
 * take the mean, drop the trailing square) minus the squared SMA, clamped to 0 below
 * TA-Lib's epsilon. Same operation order as TA-Lib, so the same rounding.
 */
export class StreamingBollinger {
  private readonly sma: StreamingSma;
  private readonly window: Float64Array;
  private count = 0;
  private sumSquares = 0;
  private latestMiddle = 0;
  private latestDeviation = 0;
  private latestWidth = 0;

  constructor(
    readonly period = 20,
    readonly deviations = 2,
  ) {
    assertPeriod('Bollinger', 'period', period);
    if (!Number.isFinite(deviations) || deviations <= 0) {
      throw new RangeError(`Bollinger: deviations must be a positive number, got ${deviations}`);
    }
    this.sma = new StreamingSma(period);
    this.window = new Float64Array(period);
  }

  update(close: number): BollingerValue | null {
    if (!this.step(close)) return null;
    return { upper: this.upper, middle: this.middle, lower: this.lower, deviation: this.deviation };
  }

  /** update() without the result object: true once the bands have values. */
  step(close: number): boolean {
    const middle = this.sma.update(close);
    const period = this.period;
    const slot = this.count % period;
    this.count += 1;
    const square = close * close;
    if (middle === null) {
      this.sumSquares += square;
      this.window[slot] = close;
      return false;
    }
    this.sumSquares += square;
    let meanSquare = this.sumSquares / period;
    const trailing = this.window[this.count % period] as number;
    this.sumSquares -= trailing * trailing;
    this.window[slot] = close;
    meanSquare -= middle * middle;
    const deviation = taIsZeroOrNeg(meanSquare) ? 0 : Math.sqrt(meanSquare);
    // TA-Lib multiplies once when both multipliers are equal, then adds and subtracts.
    this.latestWidth = this.deviations === 1 ? deviation : deviation * this.deviations;
    this.latestMiddle = middle;
    this.latestDeviation = deviation;
    return true;
  }

  /** The latest upper band (valid after step() returned true). */
  get upper(): number {
    return this.latestMiddle + this.latestWidth;
  }

  get middle(): number {
    return this.latestMiddle;
  }

  get lower(): number {
    return this.latestMiddle - this.latestWidth;
  }

  get deviation(): number {
    return this.latestDeviation;
  }
}
