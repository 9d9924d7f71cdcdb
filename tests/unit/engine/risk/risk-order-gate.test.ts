import { describe, expect, it } from 'vitest';
import { OrderRequestSchema, type OrderRequestInput } from '../../../../src-shared/domain/order';
import type { GateContext } from '../../../../src-main/engine/execution/order-gate';
import { riskOrderGate, sourceOf } from '../../../../src-main/engine/risk/risk-order-gate';
import type { BookSnapshot } from '../../../../src-main/engine/risk/risk-guard';
import { riskHarness } from '../../../support/risk-harness';

const ui: GateContext = { bookId: 'paper', actor: 'user:ui', bracketRole: null, resumed: false };
const kill: GateContext = { ...ui, actor: 'system:kill' };
const flat: BookSnapshot = { equity: 10_000, positions: [], workingEntries: [], lastLossAt: null };
const long: BookSnapshot = { ...flat, positions: [{ symbol: 'BTC/USDT', qty: 0.1, mark: 60_000 }] };
/** A USDT book that can value USDT only. */
const usdtOnly = (quote: string): number | null => (quote === 'USDT' ? 1 : null);
const req = (input: OrderRequestInput): ReturnType<typeof OrderRequestSchema.parse> =>
  OrderRequestSchema.parse(input);

describe('risk order gate (the executor hook)', () => {
  it('values a market order at the mark and approves a sound bracketed entry', () => {
    const h = riskHarness([]);
    const gate = riskOrderGate({
      guard: h.risk.guard,
      rate: usdtOnly,
      book: () => flat,
      mark: () => 60_000,
    });
    const order = req({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.01',
      bracket: { stopLoss: '59000', takeProfit: '63000' },
    });
    expect(gate(order, ui)).toEqual({ approved: true });
    expect(gate(req({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' }), ui)).toEqual(
      {
        approved: false,
        reason: 'risk-per-trade: no stop: whole notional 600.00 exceeds 200.00 (2% of equity)',
      },
    );
  });

  it('refuses when there is no mark or the book cannot be valued', () => {
    const h = riskHarness([]);
    const order = req({ symbol: 'ETH/USDT', side: 'buy', type: 'market', qty: '1' });
    expect(
      riskOrderGate({ guard: h.risk.guard, rate: usdtOnly, book: () => flat, mark: () => null })(
        order,
        ui,
      ),
    ).toMatchObject({
      approved: false,
      reason: expect.stringContaining('no mark price for ETH/USDT'),
    });
    const broken = riskOrderGate({
      guard: h.risk.guard,
      rate: usdtOnly,
      book: () => {
        throw new Error('no mark price for XRP/USDT; exposure cannot be valued');
      },
      mark: () => 3_000,
    });
    expect(broken(order, ui)).toMatchObject({
      approved: false,
      reason: expect.stringContaining('book: no mark price for XRP/USDT'),
    });
  });

  it('in HALTED passes the kill switch closes even without a mark; a trader close needs one', () => {
    const h = riskHarness([]);
    h.risk.control.latchHalted('user:test', 'test');
    const gate = riskOrderGate({
      guard: h.risk.guard,
      rate: usdtOnly,
      book: () => long,
      mark: () => null,
    });
    const close = req({
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'market',
      qty: '0.1',
      reduceOnly: true,
      timeInForce: 'IOC',
    });
    expect(gate(close, kill)).toEqual({ approved: true });
    expect(gate(close, ui)).toMatchObject({
      approved: false,
      reason: expect.stringContaining('no mark price'),
    });
    const marked = riskOrderGate({
      guard: h.risk.guard,
      rate: usdtOnly,
      book: () => long,
      mark: () => 60_000,
    });
    expect(marked(close, ui)).toEqual({ approved: true });
    expect(marked({ ...close, side: 'buy' }, ui)).toMatchObject({
      approved: false,
      reason: expect.stringContaining('HALTED'),
    });
    // The close that went out while HALTED has its own audit record.
    expect(h.auditKinds()).toContain('risk.approved_while_halted');
  });

  it('values a pair quoted in another currency through its rate, or refuses without one', () => {
    const h = riskHarness([]);
    // Real closes, Binance 2018-06-18 21:00: ETH/BTC 0.076286, BTC/USDT 6745.79.
    const rate = (quote: string): number | null =>
      quote === 'USDT' ? 1 : quote === 'BTC' ? 6745.79 : null;
    const gate = riskOrderGate({
      guard: h.risk.guard,
      rate,
      book: () => flat,
      mark: () => 0.076286,
    });
    const order = req({ symbol: 'ETH/BTC', side: 'buy', type: 'market', qty: '1' });
    // 1 ETH at 0.076286 BTC is 514.61 USDT: over the 2% risk budget without a stop.
    expect(gate(order, ui)).toEqual({
      approved: false,
      reason: 'risk-per-trade: no stop: whole notional 514.61 exceeds 200.00 (2% of equity)',
    });
    expect(
      gate({ ...order, qty: '0.3', bracket: { stopLoss: '0.07', takeProfit: '0.09' } }, ui),
    ).toEqual({ approved: true });
    const blind = riskOrderGate({
      guard: h.risk.guard,
      rate: usdtOnly,
      book: () => flat,
      mark: () => 0.076286,
    });
    expect(blind(order, ui)).toEqual({
      approved: false,
      reason: 'no BTC rate for ETH/BTC; exposure cannot be valued',
    });
  });

  it('maps executor actors to order sources', () => {
    expect(sourceOf('system:kill', ui)).toBe('kill');
    expect(sourceOf('user:ui', { ...ui, bracketRole: 'stop-loss' })).toBe('protective');
    expect(sourceOf('autopilot', ui)).toBe('autopilot');
    expect(sourceOf('user:cli@websocket', ui)).toBe('cli');
    expect(sourceOf('user:ui', ui)).toBe('ui');
  });
});
