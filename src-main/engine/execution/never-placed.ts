import type { OrderRow } from './order-store';

/** How an order the venue never saw is recorded (EXPIRED): the kill's chase reads it back. */
export const NO_RECORD_REASON = 'the venue has no record of it';

/** The reason an order recorded as never placed is reopened with, once the venue shows it. */
export const LATE_ARRIVAL_REASON = 'arrived at the venue after it was recorded as never placed';

/**
 * How long after an order was recorded as never placed the reconciliation still asks the venue
 * for it by its client id: a matching engine's backlog is seconds to minutes, and one question
 * a pass for a day costs little next to a position nobody knows about. Later than that, one
 * still found resting among the venue's open orders is reopened too (see reconcile-orders).
 */
export const LATE_ARRIVAL_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * An order the executor recorded as never placed (EXPIRED, the venue had no record of it when
 * the grace for an unknown outcome ended). That is a presumption, not the venue's word: the
 * venue may take such an order in late, and then it rests or fills like any other.
 */
export function presumedNeverPlaced(row: OrderRow): boolean {
  return row.state === 'EXPIRED' && row.reason?.startsWith(NO_RECORD_REASON) === true;
}
