import type { BookSnapshot } from '../risk/risk-guard';
import type { RiskSystem } from '../risk/risk-system';

/** The daily summary's text: the book at mark, the day's change, the mode. */
export function dailySummary(engine: {
  readonly risk: RiskSystem;
  readonly bookSnapshot: () => BookSnapshot;
}): { title: string; body: string } {
  const usage = engine.risk.guard.usage(engine.bookSnapshot());
  const change = usage.equity - usage.startOfDayEquity;
  const sign = change >= 0 ? '+' : '';
  return {
    title: `Vigil daily summary: equity ${usage.equity.toFixed(2)}`,
    body:
      `Today ${sign}${change.toFixed(2)} (from ${usage.startOfDayEquity.toFixed(2)}), drawdown ` +
      `${usage.drawdownPct.toFixed(2)}%, ${usage.openPositions} open position(s), mode ${engine.risk.control.mode}.`,
  };
}
