import type { BookId } from '../../../src-shared/domain/order';
import type { Broker } from './broker';
import type { Executor } from './executor';

/** One book: its venue (paper or a live exchange) and the executor that writes its orders. */
export interface ExecutionBook {
  readonly bookId: BookId;
  readonly broker: Broker;
  readonly executor: Executor;
}

/** An order Vigil never wrote, found open at a live venue: it blocks entries until resolved. */
export interface ForeignOrder {
  readonly venue: string;
  readonly clientOrderId: string;
  readonly venueOrderId: string;
  readonly symbol: string;
  readonly side: string;
  readonly qty: string;
  readonly seenAt: number;
}
