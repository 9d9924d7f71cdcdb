import { RollingExtreme } from './rolling-extreme';
import { StreamingSma } from './sma';
import { assertFinite, assertPeriod } from './ta-lib-numerics';

export interface StochasticValue {
  readonly k: number;
  readonly d: number;
}

/**
 * Slow stochastic as TA_STOCH computes it with SMA smoothing: fast %K = (close - lowest) /
 * ((highest - lowest) / 100), 0 when the range is zero; slow %K = SMA(fast %K, slowK);
 * %D = SMA(slow %K, slowD). Both lines are published from the first %D, as TA-Lib does.
 * Highest/lowest come from monotonic deques, so each candle costs amortized O(1).
 */
export class StreamingStochastic {
  private readonly highest: RollingExtreme;
  private readonly lowest: RollingExtreme;
  private readonly slowK: StreamingSma;
  private readonly slowD: StreamingSma;
  private latestK = 0;
  private latestD = 0;

  constructor(
    readonly fastKPeriod = 14,
    slowKPeriod = 3,
    slowDPeriod = 3,
  ) {
    assertPeriod('Stochastic', 'fastK', fastKPeriod, 1);
    assertPeriod('Stochastic', 'slowK', slowKPeriod, 1);
    assertPeriod('Stochastic', 'slowD', slowDPeriod, 1);
    this.highest = new RollingExtreme(fastKPeriod, 'max');
    this.lowest = new RollingExtreme(fastKPeriod, 'min');
    this.slowK = new StreamingSma(slowKPeriod);
    this.slowD = new StreamingSma(slowDPeriod);
  }

  update(high: number, low: number, close: number): StochasticValue | null {
    return this.step(high, low, close) ? { k: this.k, d: this.d } : null;
  }

  /** update() without the result object: true once both lines have values. */
  step(high: number, low: number, close: number): boolean {
    assertFinite('Stochastic', 'high', high);
    assertFinite('Stochastic', 'low', low);
    assertFinite('Stochastic', 'close', close);
    const highest = this.highest.push(high);
    const lowest = this.lowest.push(low);
    if (!this.highest.filled) return false;
    const diff = (highest - lowest) / 100.0;
    const fastK = diff !== 0 ? (close - lowest) / diff : 0;
    const k = this.slowK.update(fastK);
    if (k === null) return false;
    const d = this.slowD.update(k);
    if (d === null) return false;
    this.latestK = k;
    this.latestD = d;
    return true;
  }

  /** The latest slow %K (valid after step() returned true). */
  get k(): number {
    return this.latestK;
  }

  get d(): number {
    return this.latestD;
  }
}
