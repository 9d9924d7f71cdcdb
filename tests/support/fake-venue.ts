import type {
  KillVenue,
  VenueOpenOrder,
  VenuePosition,
} from '../../src-main/engine/kill/kill-venue';

/**
 * An in-memory venue for kill-switch tests (no PaperBroker yet on this branch). Every call
 * resolves on a later microtask, like a real async venue. Failures are injected per test.
 */
export class FakeVenue implements KillVenue {
  readonly orders = new Map<string, VenueOpenOrder>();
  readonly held = new Map<string, number>();
  readonly closeIds: string[] = [];
  /** The next N cancel calls fail (venue hiccup). */
  failCancels = 0;
  /** The next N openOrders() calls fail (venue unreachable). */
  failLists = 0;
  /** While set, closePosition never settles (a crash mid-flatten). */
  hangCloses = false;
  cancelCalls = 0;

  constructor(readonly name: string) {}

  place(order: VenueOpenOrder): void {
    this.orders.set(order.id, order);
  }

  hold(symbol: string, qty: number): void {
    this.held.set(symbol, qty);
  }

  async openOrders(): Promise<readonly VenueOpenOrder[]> {
    await tick();
    if (this.failLists > 0) {
      this.failLists -= 1;
      throw new Error(`${this.name} unreachable`);
    }
    return [...this.orders.values()];
  }

  async cancelOrder(order: VenueOpenOrder): Promise<void> {
    this.cancelCalls += 1;
    await tick();
    if (this.failCancels > 0) {
      this.failCancels -= 1;
      throw new Error(`${this.name} rate limited`);
    }
    this.orders.delete(order.id);
  }

  async positions(): Promise<readonly VenuePosition[]> {
    await tick();
    return [...this.held.entries()].map(([symbol, qty]) => ({ symbol, qty }));
  }

  async closePosition(position: VenuePosition, clientOrderId: string): Promise<void> {
    this.closeIds.push(clientOrderId);
    if (this.hangCloses) return new Promise<void>(() => {});
    await tick();
    this.held.delete(position.symbol);
  }
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** `count` open orders spread over `symbols` symbols (entries, stops and bracket legs) plus a position per symbol. */
export function populate(venue: FakeVenue, count: number, symbols: number): void {
  const types = ['limit', 'stop-market', 'take-profit'];
  for (let i = 0; i < count; i += 1) {
    const symbol = `S${i % symbols}/USDT`;
    venue.place({
      id: `o-${i}`,
      symbol,
      side: i % 2 === 0 ? 'buy' : 'sell',
      qty: 1,
      type: types[i % 3] as string,
    });
  }
  for (let s = 0; s < symbols; s += 1) venue.hold(`S${s}/USDT`, s % 2 === 0 ? 2 : -3);
}
