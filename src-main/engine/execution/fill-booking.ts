import type { FillView } from '../../../src-shared/domain/order';
import { moneyOf, notionalOf, priceOf, qtyOf, qtyText } from '../ledger/money';
import type { VenueFill } from './broker';
import { writeBracketExits, type ExitSizing } from './bracket-exits';
import { foldWhenShort } from './bracket-fold';
import type { ExecutorCore } from './executor-core';
import { cancelExitsOfFlatPosition } from './exits-on-flat';
import { reopenLateArrival } from './late-arrival';
import { presumedNeverPlaced } from './never-placed';
import type { OrderRow } from './order-store';
import { stateAfterFill } from './venue-mapping';

/**
 * Records one fill exactly once (the ledger's unique fill id), with the order's totals and
 * state, in one transaction; a bracket entry gets exits for what it filled in that same
 * transaction (a part as it fills, not only once the entry is complete), sent once it commits.
 */
export function bookFill(core: ExecutorCore, fill: VenueFill): void {
  // A fill of an order recorded as never placed: the venue took it in late. Its record is
  // corrected before the fill is booked on it (a fill never lands on a final order). Such an
  // order has no fill booked yet (a fill would have moved it on), so this one is new.
  const known = core.orders.byClientId(fill.clientOrderId);
  if (known !== undefined && known.book_id === core.bookId && presumedNeverPlaced(known))
    reopenLateArrival(core, known, `a fill of ${fill.qty} at ${fill.price}`, 'venue');
  let recorded: FillView | null = null;
  const exits: string[] = [];
  core.db.transaction(() => {
    const result = core.ledger.recordFill({ ...fill, bookId: core.bookId });
    if (result.duplicate) return;
    recorded = result.fill;
    const row = core.orders.byClientId(fill.clientOrderId);
    core.audit.append({
      kind: 'order.fill',
      actor: 'venue',
      payload: { bookId: core.bookId, ...fill, known: row !== undefined },
    });
    if (row === undefined) return; // a fill for an order we never placed: booked and audited
    const updated = core.orders.addFill(row, fill.qty, fill.price);
    const complete = qtyOf(updated.filled_qty, 'filled') === qtyOf(updated.qty, 'qty');
    const target = stateAfterFill(updated.state, complete);
    exits.push(
      ...(target === null
        ? writeBracketExits(core.orders, updated, exitSizing(core))
        : core.changeStateInTx(updated.client_order_id, target, null, 'venue', fill.venueOrderId)),
    );
  })();
  core.probe('exec.fill.applied');
  if (recorded !== null) {
    core.notifyFill(recorded);
    const row = core.orders.byClientId(fill.clientOrderId);
    if (row !== undefined) {
      core.notify(row);
      foldWhenShort(core, row, exitSizing(core));
    }
    // After the venue's own follow-up events for this fill (a one-cancels-other peer) have
    // been applied: whatever still works on a now flat position is canceled.
    core.track(
      Promise.resolve().then(() =>
        cancelExitsOfFlatPosition(
          {
            bookId: core.bookId,
            orders: core.orders,
            ledger: core.ledger,
            audit: core.audit,
            cancel: (id, actor, reason) => core.cancel(id, actor, reason),
          },
          fill,
        ),
      ),
    );
  }
  for (const cid of exits) core.track(core.send(cid, 'system:bracket', false));
}

/**
 * Exits are sized by what the entry left in the account; a part under the venue's minimums
 * waits (or is folded in). The notional is checked at the lower of the stop and target prices
 * with a 5% margin, as a stop-limit's own limit sits beyond its trigger.
 */
export function exitSizing(core: ExecutorCore): ExitSizing {
  return {
    held: (entry) => heldAfterFees(core, entry),
    venueTakes: (entry, qty) => {
      const market = core.broker.markets().find((m) => m.symbol === entry.symbol);
      if (market === undefined || entry.bracket_stop === null || entry.bracket_target === null)
        return true; // the venue judges: nothing here to say it would refuse
      const q = qtyOf(qty, 'exit qty');
      if (q < qtyOf(market.minQty, 'minQty')) return false;
      const stop = priceOf(entry.bracket_stop, 'stop');
      const target = priceOf(entry.bracket_target, 'target');
      const low = stop < target ? stop : target;
      return notionalOf(q, low) * 100n >= moneyOf(market.minNotional, 'minNotional') * 105n;
    },
  };
}

/**
 * What a filled entry left in the account: its filled quantity less what the venue took in
 * the base asset as fees (Binance charges a buy's fee in what it bought), floored to the
 * market's step so the exit is a quantity the venue accepts.
 */
export function heldAfterFees(core: ExecutorCore, entry: OrderRow): string {
  const [base] = entry.symbol.split('/');
  let held = qtyOf(entry.filled_qty, 'filled');
  if (entry.side === 'buy') {
    for (const fill of core.ledger.fillsOfOrder(core.bookId, entry.client_order_id)) {
      if (fill.feeAsset === base) held -= qtyOf(fill.fee, 'base fee');
    }
  }
  const step = core.broker.markets().find((m) => m.symbol === entry.symbol)?.stepSize;
  if (step !== undefined) {
    const unit = qtyOf(step, 'step');
    if (unit > 0n) held -= held % unit;
  }
  return qtyText(held);
}
