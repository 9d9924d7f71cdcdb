import { describe, expect, it } from 'vitest';
import type { OrderView } from '../../../../src-shared/domain/order';
import { useBookStore } from '../../../../src-renderer/state/book-store';

const order = (clientOrderId: string, createdAt: number, state: OrderView['state']): OrderView => ({
  bookId: 'paper',
  clientOrderId,
  venueOrderId: null,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  qty: '0.01',
  price: '5000',
  stopPrice: null,
  timeInForce: 'GTC',
  reduceOnly: false,
  state,
  filledQty: '0',
  avgFillPrice: null,
  reason: null,
  bracketRole: null,
  parentClientOrderId: null,
  ocoGroup: null,
  placedBy: 'user:ui',
  createdAt,
  updatedAt: createdAt,
});

describe('book store orders', () => {
  it('lists the newest placed order first, even when a rewound replay gave it an earlier time', () => {
    const store = useBookStore.getState();
    store.setOrders([]);
    // Placed in June (replay time), then the replay was rewound to May and another placed.
    store.upsertOrder(order('a', Date.parse('2018-06-10T00:00:00Z'), 'REJECTED'));
    store.upsertOrder(order('b', Date.parse('2018-05-20T00:00:00Z'), 'OPEN'));
    expect(useBookStore.getState().orders.map((o) => o.clientOrderId)).toEqual(['b', 'a']);
    // An update keeps its place.
    store.upsertOrder(order('a', Date.parse('2018-06-10T00:00:00Z'), 'CANCELED'));
    expect(useBookStore.getState().orders.map((o) => `${o.clientOrderId} ${o.state}`)).toEqual([
      'b OPEN',
      'a CANCELED',
    ]);
  });
});
