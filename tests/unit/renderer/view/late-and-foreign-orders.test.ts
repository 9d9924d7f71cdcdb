import { describe, expect, it } from 'vitest';
import type { LiveVenueView } from '../../../../src-shared/contract/trading';
import type { OrderView } from '../../../../src-shared/domain/order';
import { lateOrderToast } from '../../../../src-renderer/view/book-toasts';
import { foreignOrderLines } from '../../../../src-renderer/view/foreign-order-lines';

const late: OrderView = {
  bookId: 'live:binance',
  clientOrderId: 'vgl00000007',
  venueOrderId: null,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  qty: '0.01',
  price: '6000',
  stopPrice: null,
  timeInForce: 'GTC',
  reduceOnly: false,
  state: 'SUBMITTED',
  filledQty: '0',
  avgFillPrice: null,
  reason: 'arrived at the venue after it was recorded as never placed (the venue shows it OPEN)',
  bracketRole: null,
  parentClientOrderId: null,
  ocoGroup: null,
  placedBy: 'user:ws',
  createdAt: 0,
  updatedAt: 0,
};

const venue: LiveVenueView = {
  connection: 'main',
  venue: 'binance',
  bookId: 'live:binance',
  state: 'READY',
  problem: null,
  breaker: { state: 'CLOSED', consecutiveFailures: 0, openedAt: null, lastFailure: null },
  stream: null,
  foreignOrders: [],
};

describe('an order that arrived late, in the toast every window shows', () => {
  it('names the order, that it was recorded as never placed, and what Vigil does: cancel while HALTED, keep otherwise', () => {
    const halted = lateOrderToast(late, true, {});
    expect(halted.title).toBe('Order arrived late at binance: BTC/USDT');
    expect(halted.body).toContain(
      'BUY 0.01 BTC/USDT limit at 6,000 was recorded as never placed; binance took it in after all.',
    );
    expect(halted.body).toContain('HALTED: the kill is cancelling it');
    expect(lateOrderToast(late, false, {}).body).toContain(
      'It is in your book now, as the exchange shows it.',
    );
  });
});

describe('the kill panel: orders at a live exchange that Vigil did not place', () => {
  it('names each (three, then a count), says the kill leaves them, and what re-arm needs; nothing when none', () => {
    expect(foreignOrderLines([venue])).toEqual([]);
    const order = (n: number): LiveVenueView['foreignOrders'][number] => ({
      clientOrderId: `web_${n}`,
      venueOrderId: String(n),
      symbol: 'BTC/USDT',
      side: 'sell',
      qty: '0.01',
      seenAt: 0,
    });
    const [one] = foreignOrderLines([{ ...venue, foreignOrders: [order(1)] }]);
    expect(one?.text).toBe(
      'binance shows 1 open order Vigil did not place: web_1 (sell 0.01 BTC/USDT). The kill leaves orders placed outside Vigil as they are (one may protect a position): cancel it on the exchange if it should not work. Re-arm waits while the exchange shows any open order.',
    );
    const [many] = foreignOrderLines([{ ...venue, foreignOrders: [1, 2, 3, 4].map(order) }]);
    expect(many?.text).toContain(
      'binance shows 4 open orders Vigil did not place: web_1 (sell 0.01 BTC/USDT), web_2 (sell 0.01 BTC/USDT), web_3 (sell 0.01 BTC/USDT), and 1 more.',
    );
  });
});
