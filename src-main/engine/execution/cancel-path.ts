import { InvalidInputError, RefusedError } from '../../../src-shared/contract/command-refusal';
import type { OrderView } from '../../../src-shared/domain/order';
import { ExecutorStoppedError, VenueRejectError } from './broker-errors';
import { CANCEL_REFUSED, type ExecutorCore } from './executor-core';
import { isFinalState } from './order-state';
import { toOrderView } from './order-store';

/**
 * Cancels one order of the book. An INTENT never sent is closed here; anything else goes
 * CANCEL_PENDING first (so a kill is recorded before the venue answers), and a venue refusal
 * is resolved by asking the venue what became of the order.
 */
export async function cancelOrder(
  core: ExecutorCore,
  clientOrderId: string,
  actor: string,
  reason: string | null,
): Promise<OrderView> {
  const row = core.orders.byClientId(clientOrderId);
  if (row === undefined)
    throw new InvalidInputError('cancel', [
      { path: 'clientOrderId', message: `no order ${clientOrderId}` },
    ]);
  if (row.book_id !== core.bookId)
    throw new RefusedError(`order ${clientOrderId} belongs to book ${row.book_id}`);
  if (isFinalState(row.state))
    throw new RefusedError(`order ${clientOrderId} is already ${row.state}`);
  if (row.state === 'INTENT') {
    core.changeState(clientOrderId, 'CANCELED', reason ?? 'canceled before it was sent', actor);
    return toOrderView(core.orders.require(clientOrderId));
  }
  if (row.state !== 'CANCEL_PENDING')
    core.changeState(clientOrderId, 'CANCEL_PENDING', reason, actor);
  try {
    const venue = await core.venue(core.broker.cancel(clientOrderId, row.symbol), 'a cancel');
    core.applyVenueOrder(venue, actor);
  } catch (error) {
    if (error instanceof ExecutorStoppedError) throw error;
    if (error instanceof VenueRejectError)
      await core.resolveByQuery(clientOrderId, actor, CANCEL_REFUSED);
    else core.reportError(error); // unclear: stays CANCEL_PENDING until reconciled
  }
  return toOrderView(core.orders.require(clientOrderId));
}

/** Cancels every open order of the book (optionally one symbol) at the venue and locally. */
export async function cancelAllOrders(
  core: ExecutorCore,
  actor: string,
  symbol?: string,
): Promise<{ canceled: number; stillOpen: OrderView[] }> {
  const inScope = (s: string): boolean => symbol === undefined || s === symbol;
  let canceled = 0;
  for (const row of core.orders.nonFinal(core.bookId)) {
    if (!inScope(row.symbol)) continue;
    if (row.state === 'INTENT') {
      core.changeState(row.client_order_id, 'CANCELED', 'canceled before it was sent', actor);
      canceled += 1;
    } else if (row.state !== 'CANCEL_PENDING') {
      core.changeState(row.client_order_id, 'CANCEL_PENDING', 'cancel-all', actor);
    }
  }
  const venueCanceled = await core.venue(core.broker.cancelAll(symbol), 'cancel-all');
  for (const venue of venueCanceled) core.applyVenueOrder(venue, actor);
  canceled += venueCanceled.length;
  // Whatever is still pending was not in the venue's answer: ask for each one.
  for (const row of core.orders.nonFinal(core.bookId)) {
    if (!inScope(row.symbol)) continue;
    await core.resolveByQuery(row.client_order_id, actor, CANCEL_REFUSED);
  }
  const stillOpen = core.orders
    .nonFinal(core.bookId)
    .filter((r) => inScope(r.symbol))
    .map(toOrderView);
  return { canceled, stillOpen };
}
