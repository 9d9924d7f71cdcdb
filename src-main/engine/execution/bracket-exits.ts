import type { BookId, OrderSide } from '../../../src-shared/domain/order';
import { qtyOf } from '../ledger/money';
import { isFinalState } from './order-state';
import type { OrderRow, OrderStore } from './order-store';

/** A protective pair for a position: a stop-loss and a take-profit, one cancels the other. */
export interface ExitPair {
  readonly bookId: BookId;
  readonly venue: string;
  readonly symbol: string;
  /** The exits' side: the opposite of the position. */
  readonly side: OrderSide;
  readonly qty: string;
  readonly stopPrice: string;
  readonly takeProfit: string;
  /** The entry they protect (null for a pair re-placed on what is left of a position). */
  readonly parentClientOrderId: string | null;
  /** A unique tag for the one-cancels-other group. */
  readonly group: string;
  readonly placedBy: string;
}

/**
 * Writes an exit pair as INTENTs: a reduce-only stop-market (stop-loss) and a reduce-only limit
 * (take-profit), in one one-cancels-other group. Returns their client ids, to send.
 */
export function writeExitPair(orders: OrderStore, pair: ExitPair): string[] {
  const base = {
    symbol: pair.symbol,
    side: pair.side,
    qty: pair.qty,
    timeInForce: 'GTC',
    reduceOnly: true,
  } as const;
  const links = {
    placedBy: pair.placedBy,
    parentClientOrderId: pair.parentClientOrderId,
    ocoGroup: `oco${pair.group}`,
  };
  const stop = orders.insertIntent(
    pair.bookId,
    pair.venue,
    { ...base, type: 'stop-market', stopPrice: pair.stopPrice },
    { bracketRole: 'stop-loss', ...links },
  );
  const target = orders.insertIntent(
    pair.bookId,
    pair.venue,
    { ...base, type: 'limit', price: pair.takeProfit },
    { bracketRole: 'take-profit', ...links },
  );
  return [stop.client_order_id, target.client_order_id];
}

/**
 * When a bracket entry reaches a final state with fills, writes its two exits as INTENTs for
 * what the entry left in the account (`exitQty`: its filled quantity, less a fee the venue took
 * in the base asset, on the market's step). Called inside the transaction that finished the
 * entry, so a crash can never leave a filled entry without its exits written. Returns the
 * exits' client ids to send (none when they exist already or nothing filled).
 */
export function writeBracketExits(
  orders: OrderStore,
  entry: OrderRow,
  exitQty: (entry: OrderRow) => string = (e) => e.filled_qty,
): string[] {
  if (entry.bracket_role !== 'entry' || !isFinalState(entry.state)) return [];
  if (qtyOf(entry.filled_qty, 'filled') === 0n) return [];
  if (orders.children(entry.client_order_id).length > 0) return [];
  if (entry.bracket_stop === null || entry.bracket_target === null) {
    throw new Error(`bracket entry ${entry.client_order_id} has no stop/target recorded`);
  }
  const qty = exitQty(entry);
  if (qtyOf(qty, 'exit qty') <= 0n) {
    throw new Error(`bracket entry ${entry.client_order_id}: nothing left to protect after fees`);
  }
  return writeExitPair(orders, {
    bookId: entry.book_id,
    venue: entry.venue,
    symbol: entry.symbol,
    side: entry.side === 'buy' ? 'sell' : 'buy',
    qty,
    stopPrice: entry.bracket_stop,
    takeProfit: entry.bracket_target,
    parentClientOrderId: entry.client_order_id,
    group: entry.client_order_id,
    placedBy: 'system:bracket',
  });
}
