import { describe, expect, it } from 'vitest';
import { portfolioHeatRule } from '../../../../../src-main/engine/risk/rules/portfolio-heat-rule';
import { entry, riskContext } from '../../../../../tests/support/risk-context';

describe('portfolio-heat rule', () => {
  it('values open risk at the mark, not at the entry price', () => {
    // Long 10 @ mark 120 with stop 100: risk-to-stop is 200 at mark (whatever the entry was).
    const positions = [{ symbol: 'ETH/USDT', qty: 10, mark: 120, stopPrice: 100 }];
    const ctx = riskContext({ positions }, { maxHeatPct: 3, riskPerTradePct: 2 });
    // limit 300: 200 + order risk 100 = 300 is allowed, 101 is not.
    expect(
      portfolioHeatRule.check(entry({ qty: 50, price: 100, stopPrice: 98 }), ctx, false).ok,
    ).toBe(true);
    expect(
      portfolioHeatRule.check(entry({ qty: 50.5, price: 100, stopPrice: 98 }), ctx, false),
    ).toMatchObject({
      ok: false,
      rule: 'portfolio-heat',
      numbers: { heat: 200, orderRisk: 101, limit: 300, equity: 10_000 },
    });
  });

  it('counts a position without a stop at its whole notional, and shorts above the mark', () => {
    const positions = [
      { symbol: 'A/USDT', qty: 5, mark: 100 },
      { symbol: 'B/USDT', qty: -10, mark: 50, stopPrice: 60 },
    ];
    const verdict = portfolioHeatRule.check(
      entry({ qty: 200, price: 100, stopPrice: 90 }),
      riskContext({ positions }),
      false,
    );
    expect(verdict).toMatchObject({ ok: false, numbers: { heat: 600, orderRisk: 2000 } });
  });

  it('counts working entries as if filled, so approvals cannot stack past the limit', () => {
    const workingEntries = [{ symbol: 'A/USDT', qty: 1_000, mark: 10, stopPrice: 7.6 }];
    const verdict = portfolioHeatRule.check(
      entry({ qty: 101, price: 100, stopPrice: 99 }),
      riskContext({ workingEntries }),
      false,
    );
    expect(verdict).toMatchObject({ ok: false, numbers: { heat: expect.closeTo(2400, 6) } });
  });
});
