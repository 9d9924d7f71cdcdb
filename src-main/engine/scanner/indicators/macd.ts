import { StreamingEma } from './ema';
import { assertPeriod } from './ta-lib-numerics';

export interface MacdValue {
  readonly macd: number;
  readonly signal: number;
  readonly histogram: number;
}

/**
 * MACD as TA_INT_MACD computes it. Both EMAs start at the slow EMA's first index (the fast one
 * seeded with the mean of its last `fast` values there, not at its own period), the signal EMA
 * runs over the MACD line from that index, and all three outputs begin together once the
 * signal EMA has its first value: index (slow - 1) + (signal - 1).
 */
export class StreamingMacd {
  private readonly fastEma: StreamingEma;
  private readonly slowEma: StreamingEma;
  private readonly signalEma: StreamingEma;
  private latestLine = 0;
  private latestSignal = 0;

  constructor(fast = 12, slow = 26, signal = 9) {
    assertPeriod('MACD', 'fast', fast);
    assertPeriod('MACD', 'slow', slow);
    assertPeriod('MACD', 'signal', signal, 1);
    // TA-Lib swaps the periods when slow < fast.
    const [f, s] = slow < fast ? [slow, fast] : [fast, slow];
    this.slowEma = new StreamingEma(s);
    this.fastEma = new StreamingEma(f, { firstOutputIndex: s - 1 });
    this.signalEma = new StreamingEma(signal);
  }

  update(close: number): MacdValue | null {
    return this.step(close)
      ? { macd: this.line, signal: this.signal, histogram: this.histogram }
      : null;
  }

  /**
   * update() without the result object (the indicator set reads the getters): true once the
   * three lines have values.
   */
  step(close: number): boolean {
    const slow = this.slowEma.update(close);
    const fast = this.fastEma.update(close);
    if (slow === null || fast === null) return false;
    const macd = fast - slow;
    const signal = this.signalEma.update(macd);
    if (signal === null) return false;
    this.latestLine = macd;
    this.latestSignal = signal;
    return true;
  }

  /** The latest MACD line (valid after step() returned true). */
  get line(): number {
    return this.latestLine;
  }

  get signal(): number {
    return this.latestSignal;
  }

  get histogram(): number {
    return this.latestLine - this.latestSignal;
  }
}
