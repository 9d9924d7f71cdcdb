import type { OrderRequest, OrderState } from '../../../src-shared/domain/order';
import type { SubmitRequest, VenueOrderStatus } from './broker';
import { isFinalState } from './order-state';
import type { OrderRow } from './order-store';
import { orderTermsOf } from './order-terms';

/**
 * Pure mappings between the venue's view of an order and ours. Kept apart from the executor
 * so the rules that decide a state change can be read (and tested) on their own.
 */

/** The local state a venue status leads to, or null when nothing changes. */
export function nextLocalState(
  local: OrderState,
  venue: VenueOrderStatus,
  cancelRefused: boolean,
): OrderState | null {
  if (isFinalState(local) || local === 'INTENT') return null;
  switch (venue) {
    case 'OPEN':
      if (local === 'SUBMITTED') return 'OPEN';
      return local === 'CANCEL_PENDING' && cancelRefused ? 'OPEN' : null;
    case 'PARTIALLY_FILLED':
      if (local === 'SUBMITTED' || local === 'OPEN') return 'PARTIALLY_FILLED';
      return local === 'CANCEL_PENDING' && cancelRefused ? 'PARTIALLY_FILLED' : null;
    default:
      return venue;
  }
}

/** The state a fill moves an order to, or null when it stays. */
export function stateAfterFill(state: OrderState, complete: boolean): OrderState | null {
  if (complete) return state === 'FILLED' ? null : 'FILLED';
  if (state === 'SUBMITTED' || state === 'OPEN' || state === 'PARTIALLY_FILLED')
    return 'PARTIALLY_FILLED';
  if (state === 'CANCEL_PENDING') return 'CANCEL_PENDING';
  return null;
}

/** The caller's request an order row was written from (for the gate's re-check). */
export function rowToRequest(row: OrderRow): OrderRequest {
  return {
    symbol: row.symbol,
    side: row.side,
    type: row.type,
    qty: row.qty,
    price: row.price ?? undefined,
    stopPrice: row.stop_price ?? undefined,
    timeInForce: row.time_in_force,
    reduceOnly: row.reduce_only === 1,
    ...(row.bracket_stop !== null && row.bracket_target !== null
      ? { bracket: { stopLoss: row.bracket_stop, takeProfit: row.bracket_target } }
      : {}),
  };
}

/** What goes to the venue for an order row. */
export function toSubmitRequest(row: OrderRow): SubmitRequest {
  return { ...orderTermsOf(row), ocoGroup: row.oco_group };
}
