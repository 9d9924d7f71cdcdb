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
