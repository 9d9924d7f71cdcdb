import { qtyOf } from '../ledger/money';
import type { VenueOrder } from './broker';
import { ExecutorStoppedError } from './broker-errors';
import { CANCEL_REFUSED, type CancelRefused, type ExecutorCore } from './executor-core';
import { reopenLateArrival } from './late-arrival';
import { NO_RECORD_REASON, presumedNeverPlaced } from './never-placed';
import { isFinalState } from './order-state';
import type { VenueAnswer } from './reconcile-orders';
import { nextLocalState } from './venue-mapping';

/** Asks the venue about one client id: its fills first, then its status. Never sends. */
export async function resolveByQuery(
  core: ExecutorCore,
  clientOrderId: string,
  actor: string,
  flag?: CancelRefused,
): Promise<void> {
  const answer = await core.venue(core.query(clientOrderId), 'an order query');
  if (answer === null) return; // still unclear; the next reconcile asks again
  for (const fill of answer.fills) core.applyFill(fill);
  core.settle(clientOrderId, answer.venue, actor, flag);
}

/** The venue's record and fills for one client id; throws what the venue call threw. */
export async function askVenue(core: ExecutorCore, clientOrderId: string): Promise<VenueAnswer> {
  const { symbol } = core.orders.require(clientOrderId);
  const venue = await core.broker.fetchOrder(clientOrderId, symbol);
  const fills = venue === null ? [] : await core.broker.fetchFills(clientOrderId, symbol);
  return { venue, fills };
}

/** The venue's record and fills for one client id; null when the venue could not answer. */
export async function queryVenue(
  core: ExecutorCore,
  clientOrderId: string,
): Promise<VenueAnswer | null> {
  try {
    return await askVenue(core, clientOrderId);
  } catch (error) {
    if (core.stopped()) throw new ExecutorStoppedError('an order query');
    core.reportError(error);
    return null;
  }
}

/** Applies a venue answer's status; an order the venue never saw expires after the grace. */
export function settleAnswer(
  core: ExecutorCore,
  clientOrderId: string,
  venue: VenueOrder | null,
  actor: string,
  flag?: CancelRefused,
): void {
  if (venue !== null) {
    core.applyVenueOrder(venue, actor, flag);
    return;
  }
  const row = core.orders.require(clientOrderId);
  // While our submit call is still waiting, the venue may simply not have it yet.
  if (core.sending.has(clientOrderId)) return;
  if (core.clock.now() - row.updated_at < core.unknownGraceMs) return;
  if (row.state === 'SUBMITTED') {
    core.changeState(clientOrderId, 'EXPIRED', `${NO_RECORD_REASON}; it never arrived`, actor);
  } else if (row.state === 'CANCEL_PENDING' && qtyOf(row.filled_qty, 'filled') === 0n) {
    core.changeState(clientOrderId, 'EXPIRED', NO_RECORD_REASON, actor);
  }
}

/** Applies the venue's view of an order's status (never moves backwards, never skips fills). */
export function applyVenueOrder(
  core: ExecutorCore,
  venue: VenueOrder,
  actor: string,
  flag?: CancelRefused,
): void {
  const known = core.orders.byClientId(venue.clientOrderId);
  if (known === undefined || known.book_id !== core.bookId) return; // not ours; reported by reconcile
  // Recorded as never placed, and the venue shows it after all (resting, filled, or ended with
  // fills): the record is corrected first, then the venue's word applies as to any order.
  const late =
    presumedNeverPlaced(known) &&
    (venue.status !== 'EXPIRED' || qtyOf(venue.filledQty, 'venue filled qty') > 0n);
  const row = late
    ? reopenLateArrival(core, known, `the venue shows it ${venue.status}`, actor)
    : known;
  if (isFinalState(row.state)) {
    if (row.state !== venue.status) {
      core.anomaly(row.client_order_id, actor, `local ${row.state}, venue ${venue.status}`);
    }
    return;
  }
  const venueFilled = qtyOf(venue.filledQty, 'venue filled qty');
  if (venueFilled > qtyOf(row.filled_qty, 'filled qty')) {
    // The venue reports fills we have not recorded: fetch them before moving the status. Once
    // per answer: when the venue's trade list lags its order status, the query's own answer
    // shows the same gap, and asking again at once would hammer the venue in a loop; the
    // next stream event or reconciliation asks again.
    const cid = row.client_order_id;
    if (core.chasingFills.has(cid)) return;
    core.chasingFills.add(cid);
    core.track(core.resolveByQuery(cid, actor, flag).finally(() => core.chasingFills.delete(cid)));
    return;
  }
  const target = nextLocalState(row.state, venue.status, flag === CANCEL_REFUSED);
  if (target === null) return;
  // A cancel we asked for with a reason keeps it: the venue only says "canceled".
  const asked = target === 'CANCELED' && row.state === 'CANCEL_PENDING' ? row.reason : null;
  core.changeState(row.client_order_id, target, asked ?? venue.reason, actor, venue.venueOrderId);
}
