import type { BookId } from '../../../src-shared/domain/order';
import type { Broker, MarketSpec, VenueOrder } from './broker';

/**
 * The "venue" of the SHADOW book: there is none. SHADOW records intents (Executor.record)
 * and never sends one, so every call that would reach a venue is a bug, said as such; the
 * questions a reconciliation or a status asks have the honest answer: nothing is there.
 */
export class ShadowVenue implements Broker {
  readonly venue = 'shadow';
  readonly bookId: BookId = 'shadow';
  readonly maxClientOrderIdLength = 36;

  constructor(private readonly specs: () => readonly MarketSpec[]) {}

  markets(): readonly MarketSpec[] {
    return this.specs();
  }

  submit(): Promise<VenueOrder> {
    return Promise.reject(
      new Error('SHADOW sends nothing: an order reached the shadow venue (a Vigil bug)'),
    );
  }

  cancel(): Promise<VenueOrder> {
    return Promise.reject(new Error('SHADOW has no orders at a venue to cancel'));
  }

  cancelAll(): Promise<VenueOrder[]> {
    return Promise.resolve([]);
  }

  openOrders(): Promise<VenueOrder[]> {
    return Promise.resolve([]);
  }

  fetchOrder(): Promise<VenueOrder | null> {
    return Promise.resolve(null);
  }

  fetchFills(): Promise<[]> {
    return Promise.resolve([]);
  }

  positions(): Promise<[]> {
    return Promise.resolve([]);
  }

  balances(): Promise<[]> {
    return Promise.resolve([]);
  }

  subscribe(): () => void {
    return () => {};
  }
}
