import { describe, expect, it } from 'vitest';
import { leverageRule } from '../../../../../src-main/engine/risk/rules/leverage-rule';
import { entry, riskContext } from '../../../../../tests/support/risk-context';

describe('leverage rule', () => {
  it('caps gross notional at mark over equity at 3x', () => {
    const ctx = riskContext({ positions: [{ symbol: 'ETH/USDT', qty: -100, mark: 200 }] });
    expect(leverageRule.check(entry({ qty: 100, price: 100 }), ctx, false).ok).toBe(true);
    expect(leverageRule.check(entry({ qty: 101, price: 100 }), ctx, false)).toMatchObject({
      ok: false,
      rule: 'leverage',
      numbers: { leverage: 3.01, limit: 3, grossNotional: 30_100 },
    });
  });

  it('never allows more than the hard 10x, even with a config that bypassed validation', () => {
    const ctx = riskContext({}, { maxLeverage: 50 });
    expect(leverageRule.check(entry({ qty: 1_001, price: 100 }), ctx, false)).toMatchObject({
      ok: false,
      numbers: { limit: 10 },
    });
  });
});
