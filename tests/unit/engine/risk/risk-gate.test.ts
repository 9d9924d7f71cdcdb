import { describe, expect, it } from 'vitest';
import { checkOrder } from '../../../../src-main/engine/risk/risk-gate';
import { entry, riskContext } from '../../../../tests/support/risk-context';

const long = { symbol: 'BTC/USDT', qty: 2, mark: 100, stopPrice: 95 };

describe('risk gate', () => {
  it('approves a sound entry', () => {
    expect(checkOrder(entry(), riskContext())).toEqual({ ok: true });
  });

  it('lets exits through in PAUSED and REDUCING, and even past every entry limit', () => {
    const ctx = riskContext({
      mode: 'REDUCING',
      positions: [long],
      equity: 100,
      startOfDayEquity: 10_000,
      peakEquity: 10_000,
    });
    expect(checkOrder(entry({ side: 'sell', qty: 2, reduceOnly: true }), ctx)).toEqual({
      ok: true,
    });
    expect(checkOrder(entry({ side: 'sell', qty: 1 }), { ...ctx, mode: 'PAUSED' })).toEqual({
      ok: true,
    });
  });

  it('treats an order that goes past flat as an entry, whatever its reduce-only flag', () => {
    const ctx = riskContext({ mode: 'REDUCING', positions: [long] });
    expect(checkOrder(entry({ side: 'sell', qty: 3, reduceOnly: true }), ctx)).toMatchObject({
      ok: false,
      rule: 'control-mode',
    });
  });

  it('in HALTED allows kill orders and reduce-only closes, never an order that adds exposure', () => {
    const ctx = riskContext({ mode: 'HALTED', positions: [long] });
    expect(checkOrder(entry({ side: 'sell', qty: 2, source: 'kill' }), ctx).ok).toBe(true);
    expect(checkOrder(entry({ side: 'sell', qty: 2, source: 'ui' }), ctx).ok).toBe(false);
    expect(
      checkOrder(entry({ side: 'sell', qty: 1, source: 'ui', reduceOnly: true }), ctx).ok,
    ).toBe(true);
    // Past flat adds a short: an entry, refused even when flagged reduce-only.
    expect(
      checkOrder(entry({ side: 'sell', qty: 3, source: 'ui', reduceOnly: true }), ctx),
    ).toMatchObject({ ok: false, rule: 'control-mode' });
    expect(checkOrder(entry({ source: 'ui' }), ctx)).toMatchObject({ ok: false });
  });

  it('refuses NaN and infinities, naming the field', () => {
    expect(checkOrder(entry({ qty: Number.NaN }), riskContext())).toMatchObject({
      rule: 'input',
      reason: 'order.qty must be a finite number > 0, got NaN',
    });
    expect(checkOrder(entry({ price: Number.POSITIVE_INFINITY }), riskContext())).toMatchObject({
      rule: 'input',
    });
    expect(checkOrder(entry(), riskContext({ equity: 0 }))).toMatchObject({
      rule: 'input',
      reason: expect.stringContaining('equity'),
    });
    expect(
      checkOrder(entry(), riskContext({ positions: [{ ...long, mark: Number.NaN }] })),
    ).toMatchObject({ rule: 'input' });
  });

  it('reports the first failing rule in the documented order', () => {
    const ctx = riskContext({
      equity: 9_700,
      startOfDayEquity: 10_000,
      lastLossAt: Date.UTC(2026, 2, 10, 11, 30),
    });
    expect(checkOrder(entry(), ctx)).toMatchObject({ rule: 'daily-loss' });
  });
});
