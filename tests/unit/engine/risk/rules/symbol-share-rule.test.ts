import { describe, expect, it } from 'vitest';
import { symbolShareRule } from '../../../../../src-main/engine/risk/rules/symbol-share-rule';
import { entry, riskContext } from '../../../../../tests/support/risk-context';

describe('symbol-share rule', () => {
  it('caps notional in one symbol (position at mark + working + order) at the share of equity', () => {
    const ctx = riskContext(
      {
        positions: [{ symbol: 'BTC/USDT', qty: 20, mark: 150 }],
        workingEntries: [{ symbol: 'BTC/USDT', qty: 10, mark: 150 }],
      },
      { maxSymbolSharePct: 50 },
    );
    expect(symbolShareRule.check(entry({ qty: 5, price: 100 }), ctx, false).ok).toBe(true);
    expect(symbolShareRule.check(entry({ qty: 5.01, price: 100 }), ctx, false)).toMatchObject({
      ok: false,
      rule: 'symbol-share',
      numbers: { symbolNotional: 4_500, limit: 5_000 },
    });
  });

  it('ignores other symbols', () => {
    const ctx = riskContext(
      { positions: [{ symbol: 'ETH/USDT', qty: 100, mark: 100 }] },
      { maxSymbolSharePct: 50 },
    );
    expect(symbolShareRule.check(entry({ qty: 50, price: 100 }), ctx, false).ok).toBe(true);
  });
});
