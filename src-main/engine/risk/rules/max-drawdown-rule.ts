import { APPROVE, reject, type RiskRule } from '../risk-types';

/** Drawdown from the peak in percent (0 at or above the peak). */
export function drawdownPct(equity: number, peakEquity: number): number {
  return peakEquity > 0 ? Math.max(0, ((peakEquity - equity) / peakEquity) * 100) : 0;
}

/**
 * No new exposure at or beyond the soft drawdown level (REDUCING territory); the hard level
 * halts through the equity monitor, and this rule refuses entries either way.
 */
export const maxDrawdownRule: RiskRule = {
  name: 'max-drawdown',
  entriesOnly: true,
  check(_order, ctx) {
    const dd = drawdownPct(ctx.equity, ctx.peakEquity);
    const { softDrawdownPct, maxDrawdownPct } = ctx.config;
    if (dd < softDrawdownPct) return APPROVE;
    const level = dd >= maxDrawdownPct ? 'hard' : 'soft';
    return reject(
      'max-drawdown',
      `drawdown ${dd.toFixed(2)}% from peak ${ctx.peakEquity.toFixed(2)} is at or beyond the ${level} limit (${level === 'hard' ? maxDrawdownPct : softDrawdownPct}%)`,
      {
        drawdownPct: dd,
        peakEquity: ctx.peakEquity,
        equity: ctx.equity,
        softDrawdownPct,
        maxDrawdownPct,
      },
    );
  },
};
