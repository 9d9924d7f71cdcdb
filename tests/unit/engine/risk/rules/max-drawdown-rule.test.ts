import { describe, expect, it } from 'vitest';
import {
  drawdownPct,
  maxDrawdownRule,
} from '../../../../../src-main/engine/risk/rules/max-drawdown-rule';
import { entry, riskContext } from '../../../../../tests/support/risk-context';

describe('max-drawdown rule', () => {
  it('measures drawdown from the peak', () => {
    expect(drawdownPct(9_000, 10_000)).toBeCloseTo(10);
    expect(drawdownPct(11_000, 10_000)).toBe(0);
  });

  it('approves below the soft level (8%)', () => {
    const ctx = riskContext({ equity: 9_250, startOfDayEquity: 9_250, peakEquity: 10_000 });
    expect(maxDrawdownRule.check(entry(), ctx, false).ok).toBe(true);
  });

  it('refuses entries at the soft level, naming it', () => {
    const ctx = riskContext({ equity: 9_200, startOfDayEquity: 9_200, peakEquity: 10_000 });
    expect(maxDrawdownRule.check(entry(), ctx, false)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('soft limit (8%)'),
      numbers: { drawdownPct: expect.closeTo(8, 9), peakEquity: 10_000 },
    });
  });

  it('refuses entries at the hard level, naming it', () => {
    const ctx = riskContext({ equity: 8_900, startOfDayEquity: 8_900, peakEquity: 10_000 });
    expect(maxDrawdownRule.check(entry(), ctx, false)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('hard limit (10%)'),
    });
  });
});
