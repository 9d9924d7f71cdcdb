import { describe, expect, it } from 'vitest';
import { maxPositionsRule } from '../../../../../src-main/engine/risk/rules/max-positions-rule';
import { entry, riskContext } from '../../../../../tests/support/risk-context';

const held = (symbol: string): { symbol: string; qty: number; mark: number } => ({
  symbol,
  qty: 1,
  mark: 10,
});

describe('max-positions rule', () => {
  it('approves a third position and refuses a fourth', () => {
    const two = riskContext({ positions: [held('A/USDT'), held('B/USDT')] });
    expect(maxPositionsRule.check(entry(), two, false).ok).toBe(true);
    const three = riskContext({
      positions: [held('A/USDT'), held('B/USDT')],
      workingEntries: [held('C/USDT')],
    });
    expect(maxPositionsRule.check(entry(), three, false)).toEqual({
      ok: false,
      rule: 'max-positions',
      reason: '3 positions/entries already open, limit 3',
      numbers: { open: 3, limit: 3 },
    });
  });

  it('lets an existing position be added to (per-symbol and heat limits still apply)', () => {
    const three = riskContext({ positions: [held('A/USDT'), held('B/USDT'), held('BTC/USDT')] });
    expect(maxPositionsRule.check(entry(), three, false).ok).toBe(true);
  });
});
