import { describe, expect, it } from 'vitest';
import { lossCooldownRule } from '../../../../../src-main/engine/risk/rules/loss-cooldown-rule';
import { entry, riskContext } from '../../../../../tests/support/risk-context';

const now = Date.UTC(2026, 0, 5, 12);

describe('loss-cooldown rule', () => {
  it('refuses entries for 60 minutes after a losing trade', () => {
    const verdict = lossCooldownRule.check(
      entry(),
      riskContext({ now, lastLossAt: now - 59 * 60_000 }),
      false,
    );
    expect(verdict).toMatchObject({
      ok: false,
      rule: 'loss-cooldown',
      reason: expect.stringContaining('1 more min'),
    });
  });

  it('approves from the 60th minute on, and with no loss at all', () => {
    expect(
      lossCooldownRule.check(entry(), riskContext({ now, lastLossAt: now - 60 * 60_000 }), false)
        .ok,
    ).toBe(true);
    expect(lossCooldownRule.check(entry(), riskContext({ now, lastLossAt: null }), false).ok).toBe(
      true,
    );
  });

  it('is disabled by a zero cooldown', () => {
    const ctx = riskContext({ now, lastLossAt: now - 1 }, { lossCooldownMin: 0 });
    expect(lossCooldownRule.check(entry(), ctx, false).ok).toBe(true);
  });
});
