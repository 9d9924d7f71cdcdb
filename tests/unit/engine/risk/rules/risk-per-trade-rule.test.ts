import { describe, expect, it } from 'vitest';
import { riskPerTradeRule } from '../../../../../src-main/engine/risk/rules/risk-per-trade-rule';
import { entry, riskContext } from '../../../../../tests/support/risk-context';

describe('risk-per-trade rule', () => {
  it('approves risk to stop up to 2% of equity', () => {
    expect(
      riskPerTradeRule.check(entry({ qty: 100, price: 100, stopPrice: 98 }), riskContext(), false)
        .ok,
    ).toBe(true);
  });

  it('refuses more, with the numbers', () => {
    expect(
      riskPerTradeRule.check(entry({ qty: 101, price: 100, stopPrice: 98 }), riskContext(), false),
    ).toEqual({
      ok: false,
      rule: 'risk-per-trade',
      reason: expect.stringContaining('202.00 exceeds 200.00'),
      numbers: { risk: 202, limit: 200, equity: 10_000 },
    });
  });

  it('counts the whole notional as risk for an entry without a stop', () => {
    const { stopPrice: _ignored, ...noStop } = entry();
    expect(riskPerTradeRule.check({ ...noStop, qty: 2 }, riskContext(), false).ok).toBe(true);
    expect(riskPerTradeRule.check({ ...noStop, qty: 2.01 }, riskContext(), false)).toMatchObject({
      ok: false,
      reason: 'no stop: whole notional 201.00 exceeds 200.00 (2% of equity)',
    });
  });

  it('refuses a stop on the wrong side, for longs and shorts', () => {
    expect(riskPerTradeRule.check(entry({ stopPrice: 101 }), riskContext(), false).ok).toBe(false);
    expect(
      riskPerTradeRule.check(entry({ side: 'sell', stopPrice: 99 }), riskContext(), false).ok,
    ).toBe(false);
    expect(
      riskPerTradeRule.check(entry({ side: 'sell', stopPrice: 102 }), riskContext(), false).ok,
    ).toBe(true);
  });
});
