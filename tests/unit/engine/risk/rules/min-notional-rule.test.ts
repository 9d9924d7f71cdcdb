import { describe, expect, it } from 'vitest';
import { minNotionalRule } from '../../../../../src-main/engine/risk/rules/min-notional-rule';
import { entry, riskContext } from '../../../../../tests/support/risk-context';

describe('min-notional rule', () => {
  it('refuses entries below the minimum notional and accepts at it', () => {
    expect(minNotionalRule.check(entry({ qty: 0.1, price: 100 }), riskContext(), false).ok).toBe(
      true,
    );
    expect(
      minNotionalRule.check(entry({ qty: 0.09, price: 100 }), riskContext(), false),
    ).toMatchObject({
      ok: false,
      rule: 'min-notional',
      numbers: { notional: 9, limit: 10 },
    });
  });

  it('is entries-only, so a small remainder can always be closed', () => {
    expect(minNotionalRule.entriesOnly).toBe(true);
  });
});

describe('min-notional refusal words', () => {
  it('never rounds a notional up to the limit it is below, and names the limit and what to do', () => {
    // 0.000001 BTC at 6131.95 is 0.00613 USDT: "0.01 is below the minimum 0.01" reads as a bug.
    const refusal = minNotionalRule.check(
      entry({ qty: 0.000001, price: 6131.95 }),
      riskContext({}, { minNotional: 0.01 }),
      false,
    );
    expect(refusal).toMatchObject({ ok: false, rule: 'min-notional' });
    expect(refusal.ok ? '' : refusal.reason).toBe(
      'order notional 0.0061 is below the minimum 0.01 (the risk limit "Min order notional"): raise the quantity, or lower that limit',
    );
  });
});
