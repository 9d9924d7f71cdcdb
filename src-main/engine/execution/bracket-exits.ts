import type { BookId, OrderSide } from '../../../src-shared/domain/order';
import { qtyOf, qtyText } from '../ledger/money';
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

/** How a bracket entry's exits are sized: what it left in the account, and what the venue takes. */
export interface ExitSizing {
  /**
   * What the entry has left in the account so far: its filled quantity, less a fee the venue
   * took in the base asset, on the market's step.
   */
  readonly held: (entry: OrderRow) => string;
  /** False when the venue would refuse an exit pair this small (minimum quantity or notional). */
  readonly venueTakes: (entry: OrderRow, qty: string) => boolean;
}

/** The entry's exit pairs still working (stop-loss and take-profit of one group), newest first. */
export function workingPairsOf(
  orders: OrderStore,
  entry: OrderRow,
): Array<{ stop: OrderRow; target: OrderRow }> {
  // An exit being canceled no longer protects anything.
  const live = orders
    .children(entry.client_order_id)
    .filter((o) => !isFinalState(o.state) && o.state !== 'CANCEL_PENDING');
  const pairs: Array<{ stop: OrderRow; target: OrderRow }> = [];
  for (const stop of live) {
    if (stop.bracket_role !== 'stop-loss' || stop.oco_group === null) continue;
    const target = live.find(
      (o) => o.bracket_role === 'take-profit' && o.oco_group === stop.oco_group,
    );
    if (target !== undefined) pairs.push({ stop, target });
  }
  return pairs.reverse();
}

/** What the entry holds that no exit pair covers yet (0 when covered). */
export function uncoveredOf(entry: OrderRow, sizing: ExitSizing): bigint {
  if (entry.bracket_role !== 'entry') return 0n;
  const rest = qtyOf(sizing.held(entry), 'held') - qtyOf(entry.exits_cover_qty, 'exits cover');
  return rest > 0n ? rest : 0n;
}

/**
 * Protects a bracket entry as it fills: each time it fills more (in parts, or at once), an exit
 * pair (stop-loss and take-profit, one cancelling the other) is written as INTENTs for what
 * no pair covers yet, so a limit entry that fills in parts never leaves the filled part without
 * its stop while the rest still works. Called inside the transaction that booked the fill or
 * changed the entry's state, so a crash can never leave a filled part without its exits
 * written. A part the venue would refuse alone (under its minimum quantity or notional) waits
 * for the next fill; once the entry is final it is folded into the working pair (see
 * foldBracketShortfall), or, with no pair to fold into, written anyway for the venue to judge.
 * Returns the exits' client ids to send.
 */
export function writeBracketExits(
  orders: OrderStore,
  entry: OrderRow,
  sizing: ExitSizing,
): string[] {
  if (entry.bracket_role !== 'entry' || entry.state === 'INTENT') return [];
  if (qtyOf(entry.filled_qty, 'filled') === 0n) return [];
  if (entry.bracket_stop === null || entry.bracket_target === null) {
    throw new Error(`bracket entry ${entry.client_order_id} has no stop/target recorded`);
  }
  const final = isFinalState(entry.state);
  const covered = qtyOf(entry.exits_cover_qty, 'exits cover');
  const uncovered = uncoveredOf(entry, sizing);
  if (uncovered === 0n) {
    if (final && covered === 0n)
      throw new Error(`bracket entry ${entry.client_order_id}: nothing left to protect after fees`);
    return [];
  }
  const qty = qtyText(uncovered);
  if (!sizing.venueTakes(entry, qty)) {
    if (!final) return [];
    if (workingPairsOf(orders, entry).length > 0) return [];
  }
  orders.setExitsCover(entry, qtyText(covered + uncovered));
  return writeExitPair(orders, {
    bookId: entry.book_id,
    venue: entry.venue,
    symbol: entry.symbol,
    side: entry.side === 'buy' ? 'sell' : 'buy',
    qty,
    stopPrice: entry.bracket_stop,
    takeProfit: entry.bracket_target,
    parentClientOrderId: entry.client_order_id,
    // The first pair is named after its entry; a later part's pair gets a group of its own.
    group: covered === 0n ? entry.client_order_id : orders.nextGroupTag(),
    placedBy: 'system:bracket',
  });
}
