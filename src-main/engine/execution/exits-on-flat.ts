import type { BookId } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { LedgerReadModel } from '../ledger/ledger-read-model';
import { qtyOf } from '../ledger/money';
import type { VenueFill } from './broker';
import type { OrderRow, OrderStore } from './order-store';

/** The reason a leftover exit is canceled with; the audit and the order row both carry it. */
export const FLAT_EXIT_REASON = 'position flat: this exit no longer protects anything';
/** Who cancels the exits of a position that went flat (audit and order history). */
export const FLAT_EXIT_ACTOR = 'system:exits-on-flat';

/**
 * The working exits of a symbol whose position is now flat: every non-final reduce-only order
 * and bracket leg (stop-loss, take-profit) other than the order that just filled. Left working,
 * such an order would act on the next position in that symbol (a stale stop selling a new long),
 * so the executor cancels them: one-cancels-other across the bracket and the position, whatever
 * the venue does on its side.
 */
export function leftoverExits(
  orders: OrderStore,
  bookId: BookId,
  symbol: string,
  positionQty: string,
  except: string,
): OrderRow[] {
  if (qtyOf(positionQty, `position ${symbol}`) !== 0n) return [];
  return workingExits(orders, bookId, symbol).filter((o) => o.client_order_id !== except);
}

/** Every non-final exit of a symbol: reduce-only orders and bracket legs. */
export function workingExits(orders: OrderStore, bookId: BookId, symbol: string): OrderRow[] {
  return orders
    .nonFinal(bookId)
    .filter(
      (o) =>
        o.symbol === symbol &&
        (o.reduce_only === 1 || o.bracket_role === 'stop-loss' || o.bracket_role === 'take-profit'),
    );
}

export interface FlatExitDeps {
  readonly bookId: BookId;
  readonly orders: OrderStore;
  readonly ledger: LedgerReadModel;
  readonly audit: AuditLog;
  readonly cancel: (clientOrderId: string, actor: string, reason: string) => Promise<unknown>;
}

/**
 * After a fill: when it left its symbol flat, audits and cancels that symbol's leftover exits
 * (through the executor, so live venues get the same cancel as paper).
 */
export async function cancelExitsOfFlatPosition(
  deps: FlatExitDeps,
  fill: VenueFill,
): Promise<void> {
  const position = deps.ledger.positions(deps.bookId).find((p) => p.symbol === fill.symbol);
  const leftovers = leftoverExits(
    deps.orders,
    deps.bookId,
    fill.symbol,
    position?.qty ?? '0',
    fill.clientOrderId,
  );
  if (leftovers.length === 0) return;
  deps.audit.append({
    kind: 'order.exits_canceled_on_flat',
    actor: FLAT_EXIT_ACTOR,
    payload: {
      bookId: deps.bookId,
      symbol: fill.symbol,
      fillId: fill.fillId,
      orders: leftovers.map((o) => o.client_order_id),
    },
  });
  await Promise.all(
    leftovers.map((o) => deps.cancel(o.client_order_id, FLAT_EXIT_ACTOR, FLAT_EXIT_REASON)),
  );
}
