import type { Drawdown } from './report-model';
import type { Money } from './money';

/**
 * Crypto markets trade every day of the year, so daily ratios are annualized with 365 days
 * (not the 252 trading days of equity markets).
 */
export const DAYS_PER_YEAR = 365;

/**
 * Annualized Sharpe ratio of daily returns (risk-free rate 0): mean / sample standard
 * deviation (n - 1) x sqrt(365). Null with fewer than two returns or zero dispersion.
 */
export function sharpeRatio(returns: readonly number[]): number | null {
  const n = returns.length;
  if (n < 2) return null;
  const mean = returns.reduce((a, b) => a + b, 0) / n;
  const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1);
  if (variance === 0) return null;
  return (mean / Math.sqrt(variance)) * Math.sqrt(DAYS_PER_YEAR);
}

/**
 * Annualized Sortino ratio (target 0): mean / downside deviation x sqrt(365), where the
 * downside deviation is sqrt(sum(min(r, 0)^2) / n) over all n days. Null with fewer than two
 * returns or no losing day (the ratio is unbounded then).
 */
export function sortinoRatio(returns: readonly number[]): number | null {
  const n = returns.length;
  if (n < 2) return null;
  const mean = returns.reduce((a, b) => a + b, 0) / n;
  const downside = Math.sqrt(returns.reduce((a, r) => a + Math.min(r, 0) ** 2, 0) / n);
  if (downside === 0) return null;
  return (mean / downside) * Math.sqrt(DAYS_PER_YEAR);
}

export interface DrawdownStats {
  readonly max: Drawdown | null;
  readonly longestMs: number;
}

/**
 * Drawdowns of an equity curve, in the order the book made it. The deepest is chosen by its
 * fraction of the peak; a drawdown still open at the end lasts until `endMs`. Durations are
 * market time actually played: where a rewound replay went back in time, the curve goes on
 * from there and no time is counted twice or backwards.
 */
export function drawdowns(
  curve: ReadonlyArray<{ readonly at: number; readonly equity: Money }>,
  endMs: number,
): DrawdownStats {
  let max: Drawdown | null = null;
  let longestMs = 0;
  const first = curve[0];
  if (first === undefined) return { max, longestMs };
  let peak = first.equity;
  let peakAt = first.at;
  let peakPlayed = 0;
  let played = 0;
  let lastAt = first.at;
  // The deepest point of the current episode, if equity is below the peak.
  let trough: { depth: Money; at: number } | null = null;
  const close = (recoveredAt: number | null, until: number): void => {
    if (trough === null) return;
    const durationMs = until - peakPlayed;
    longestMs = Math.max(longestMs, durationMs);
    const depthFraction = peak.isZero() ? 0 : trough.depth.div(peak).toNumber();
    if (max === null || depthFraction > max.depthFraction) {
      max = {
        depth: trough.depth,
        depthFraction,
        peakAt,
        troughAt: trough.at,
        recoveredAt,
        durationMs,
      };
    }
  };
  for (const point of curve) {
    played += Math.max(0, point.at - lastAt);
    lastAt = point.at;
    if (point.equity.gte(peak)) {
      close(trough === null ? null : point.at, played);
      trough = null;
      peak = point.equity;
      peakAt = point.at;
      peakPlayed = played;
    } else {
      const depth = peak.minus(point.equity);
      if (trough === null || depth.gt(trough.depth)) trough = { depth, at: point.at };
    }
  }
  close(null, played + Math.max(0, endMs - lastAt));
  return { max, longestMs };
}
