import { describe, expect, it } from 'vitest';
import { dailyLossRule } from '../../../../../src-main/engine/risk/rules/daily-loss-rule';
import { entry, riskContext } from '../../../../../tests/support/risk-context';

describe('daily-loss rule', () => {
  it('approves while the loss is below 2% of start-of-day equity', () => {
    expect(dailyLossRule.check(entry(), riskContext({ equity: 9_801 }), false).ok).toBe(true);
  });

  it('refuses at exactly the limit, with the numbers', () => {
    const verdict = dailyLossRule.check(entry(), riskContext({ equity: 9_800 }), false);
    expect(verdict).toEqual({
      ok: false,
      rule: 'daily-loss',
      reason: expect.stringContaining('reached the limit 200.00'),
      numbers: { equity: 9_800, startOfDayEquity: 10_000, loss: 200, limit: 200 },
    });
  });

  it('uses the configured percentage', () => {
    const ctx = riskContext({ equity: 9_850 }, { dailyLossPct: 1, riskPerTradePct: 1 });
    expect(dailyLossRule.check(entry(), ctx, false).ok).toBe(false);
  });

  it('is an entries-only rule (exits are never blocked by it)', () => {
    expect(dailyLossRule.entriesOnly).toBe(true);
  });
});
