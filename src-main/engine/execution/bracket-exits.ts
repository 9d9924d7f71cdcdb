import { qtyOf } from '../ledger/money';
import { isFinalState } from './order-state';
import type { OrderRow, OrderStore } from './order-store';

/**
 * When a bracket entry reaches a final state with fills, writes its two exits as INTENTs: a
 * reduce-only stop-market (stop-loss) and a reduce-only limit (take-profit) for the filled
 * quantity, in one one-cancels-other group. Called inside the transaction that finished the
 * entry, so a crash can never leave a filled entry without its exits written. Returns the
 * exits' client ids to send (none when they exist already or nothing filled).
 */
export function writeBracketExits(orders: OrderStore, entry: OrderRow): string[] {
  if (entry.bracket_role !== 'entry' || !isFinalState(entry.state)) return [];
  if (qtyOf(entry.filled_qty, 'filled') === 0n) return [];
  if (orders.children(entry.client_order_id).length > 0) return [];
  if (entry.bracket_stop === null || entry.bracket_target === null) {
    throw new Error(`bracket entry ${entry.client_order_id} has no stop/target recorded`);
  }
  const base = {
    symbol: entry.symbol,
    side: entry.side === 'buy' ? 'sell' : 'buy',
    qty: entry.filled_qty,
    timeInForce: 'GTC',
    reduceOnly: true,
  } as const;
  const links = {
    placedBy: 'system:bracket',
    parentClientOrderId: entry.client_order_id,
    ocoGroup: `oco${entry.client_order_id}`,
  };
  const stop = orders.insertIntent(
    entry.book_id,
    entry.venue,
    { ...base, type: 'stop-market', stopPrice: entry.bracket_stop },
    { bracketRole: 'stop-loss', ...links },
  );
  const target = orders.insertIntent(
    entry.book_id,
    entry.venue,
    { ...base, type: 'limit', price: entry.bracket_target },
    { bracketRole: 'take-profit', ...links },
  );
  return [stop.client_order_id, target.client_order_id];
}
