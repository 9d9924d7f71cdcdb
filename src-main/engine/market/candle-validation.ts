import type { Candle } from '../../../src-shared/domain/candle';

/** One rejected input row (or candle), with where it came from and every reason it failed. */
export interface CandleViolation {
  /** File path, or a source label such as `ccxt:binance BTC/USDT 1m` for non-file input. */
  readonly file: string;
  /** 1-based line in the file, counting the header as line 1; 0 for a file-level problem. */
  readonly line: number;
  readonly reason: string;
}

/** Missing candle slots between two neighbouring accepted candles. Never filled. */
export interface CandleGap {
  /** Open time of the last candle before the gap. */
  readonly afterOpenTime: number;
  /** Number of absent candle slots (>= 1). */
  readonly missing: number;
}

/**
 * Reasons one candle is invalid on its own (not counting its neighbours), empty when it is
 * valid. Every entry point (CSV, exchange, store) calls this so nothing downstream sees a
 * non-finite number or an OHLC violation.
 */
export function candleProblems(candle: Candle, timeframeMs: number): string[] {
  const { openTime, open, high, low, close, volume } = candle;
  // Fast path: this runs once per row of every file and every exchange candle.
  if (
    Number.isSafeInteger(openTime) &&
    openTime % timeframeMs === 0 &&
    Number.isFinite(open) &&
    Number.isFinite(high) &&
    Number.isFinite(low) &&
    Number.isFinite(close) &&
    Number.isFinite(volume) &&
    high >= (open > close ? open : close) &&
    low <= (open < close ? open : close) &&
    volume >= 0
  ) {
    return [];
  }
  const problems: string[] = [];
  if (!Number.isSafeInteger(openTime)) problems.push(`timestamp ${openTime} is not an integer`);
  else if (openTime % timeframeMs !== 0) {
    problems.push(`timestamp ${openTime} is not aligned to the ${timeframeMs} ms timeframe`);
  }
  const fields = { open, high, low, close, volume } as const;
  let finite = true;
  for (const [name, value] of Object.entries(fields)) {
    if (!Number.isFinite(value)) {
      problems.push(`${name} is not a finite number (${value})`);
      finite = false;
    }
  }
  if (!finite) return problems;
  if (high < Math.max(open, close))
    problems.push(`high ${high} < max(open ${open}, close ${close})`);
  if (low > Math.min(open, close)) problems.push(`low ${low} > min(open ${open}, close ${close})`);
  if (volume < 0) problems.push(`volume ${volume} is negative`);
  return problems;
}

/**
 * Validates a candle series incrementally, in arrival order: each candle on its own, then
 * against the last accepted candle (duplicates and out-of-order times are rejected, gaps are
 * recorded). A rejected candle does not move the series forward, so one bad row produces one
 * violation rather than a cascade.
 */
export class CandleSeriesValidator {
  readonly gaps: CandleGap[] = [];
  private lastOpenTime: number | undefined;

  constructor(private readonly timeframeMs: number) {}

  /** Returns the reasons this candle is rejected (empty: accepted and recorded). */
  check(candle: Candle): string[] {
    const problems = candleProblems(candle, this.timeframeMs);
    const last = this.lastOpenTime;
    if (last !== undefined && Number.isSafeInteger(candle.openTime)) {
      if (candle.openTime === last) {
        problems.push(`duplicate timestamp ${candle.openTime} (${isoTime(candle.openTime)})`);
      } else if (candle.openTime < last) {
        problems.push(
          `timestamp ${candle.openTime} (${isoTime(candle.openTime)}) is out of order: follows ${last} (${isoTime(last)})`,
        );
      }
    }
    if (problems.length > 0) return problems;
    if (last !== undefined && candle.openTime - last > this.timeframeMs) {
      this.gaps.push({
        afterOpenTime: last,
        missing: Math.round((candle.openTime - last) / this.timeframeMs) - 1,
      });
    }
    this.lastOpenTime = candle.openTime;
    return problems;
  }
}

/** Gaps of an already validated, strictly increasing series. */
export function findGaps(candles: readonly Candle[], timeframeMs: number): CandleGap[] {
  const gaps: CandleGap[] = [];
  for (let i = 1; i < candles.length; i += 1) {
    const prev = (candles[i - 1] as Candle).openTime;
    const step = (candles[i] as Candle).openTime - prev;
    if (step > timeframeMs) gaps.push({ afterOpenTime: prev, missing: step / timeframeMs - 1 });
  }
  return gaps;
}

export function isoTime(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : String(ms);
}
