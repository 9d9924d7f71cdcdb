import type { ExecutorCore } from './executor-core';
import type { OrderRow } from './order-store';
import { LATE_ARRIVAL_REASON } from './never-placed';

/**
 * The venue shows an order recorded as never placed (its stream, a reconciliation, a fill):
 * the record is corrected — reopened to SUBMITTED, so the venue's status and fills then apply
 * by the usual edges — audited (`order.late_arrival`), pushed to every window, and the
 * executor's observers are told (the kill switch cancels it while HALTED). Returns the row.
 */
export function reopenLateArrival(
  core: ExecutorCore,
  row: OrderRow,
  seenAs: string,
  actor: string,
): OrderRow {
  const reopened = core.orders.reopenExpired(
    row.client_order_id,
    `${LATE_ARRIVAL_REASON} (${seenAs})`,
    actor,
    { venue: core.broker.venue, seenAs },
  );
  core.notify(reopened);
  core.lateArrival(reopened);
  return reopened;
}
