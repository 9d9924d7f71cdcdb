import { qtyOf, qtyText } from '../ledger/money';
import { uncoveredOf, workingPairsOf, writeExitPair, type ExitSizing } from './bracket-exits';
import type { ExecutorCore } from './executor-core';
import { isFinalState } from './order-state';
import type { OrderRow } from './order-store';

export const BRACKET_ACTOR = 'system:bracket';

/** Entries whose exits are being amended, per executor: one amendment at a time. */
const folding = new WeakMap<ExecutorCore, Set<string>>();

/**
 * After a bracket entry's last fill: the part the venue would refuse as a pair of its own
 * (under its minimum quantity or notional) is folded into the entry's newest working pair,
 * so the whole position rests under its stop. The pair is amended the only way a spot venue
 * allows (its resting sell locks the asset): its target and stop are canceled, then one pair
 * for what they covered plus the rest goes out at the same prices, through the gate and the
 * write-ahead intent path; audited as `order.bracket_amended`.
 */
export function foldWhenShort(core: ExecutorCore, entry: OrderRow, sizing: ExitSizing): void {
  if (entry.bracket_role !== 'entry' || !isFinalState(entry.state)) return;
  if (uncoveredOf(entry, sizing) === 0n) return;
  if (workingPairsOf(core.orders, entry).length === 0) return;
  let busy = folding.get(core);
  if (busy === undefined) folding.set(core, (busy = new Set()));
  const id = entry.client_order_id;
  if (busy.has(id)) return;
  busy.add(id);
  core.track(foldBracketShortfall(core, id, sizing).finally(() => busy.delete(id)));
}

async function foldBracketShortfall(
  core: ExecutorCore,
  entryId: string,
  sizing: ExitSizing,
): Promise<void> {
  const entry = core.orders.require(entryId);
  const short = uncoveredOf(entry, sizing);
  const pair = workingPairsOf(core.orders, entry)[0];
  if (short === 0n || pair === undefined) return;
  const reason = `amended: ${qtyText(short)} more of entry ${entryId} filled, under the venue's minimum alone`;
  await core.cancel(pair.target.client_order_id, BRACKET_ACTOR, reason);
  await core.cancel(pair.stop.client_order_id, BRACKET_ACTOR, reason);
  const stop = core.orders.require(pair.stop.client_order_id);
  const target = core.orders.require(pair.target.client_order_id);
  if (stop.state !== 'CANCELED' || !isFinalState(target.state)) {
    // The stop fired or the venue kept it: there is nothing left to amend (and the
    // exits-on-flat sweep handles what a fired stop leaves).
    core.reportError(
      new Error(
        `bracket ${entryId}: could not amend its exits to cover ${qtyText(short)} more: stop ${stop.state}, target ${target.state}`,
      ),
    );
    return;
  }
  const rest = (o: OrderRow): bigint => qtyOf(o.qty, 'qty') - qtyOf(o.filled_qty, 'filled');
  const left = rest(stop) < rest(target) ? rest(stop) : rest(target);
  const ids = core.db.transaction(() => {
    const now = core.orders.require(entryId);
    const covered = qtyOf(now.exits_cover_qty, 'exits cover');
    core.orders.setExitsCover(now, qtyText(covered + short));
    const written = writeExitPair(core.orders, {
      bookId: now.book_id,
      venue: now.venue,
      symbol: now.symbol,
      side: stop.side,
      qty: qtyText(left + short),
      stopPrice: stop.stop_price ?? '',
      takeProfit: target.price ?? '',
      parentClientOrderId: entryId,
      group: core.orders.nextGroupTag(),
      placedBy: BRACKET_ACTOR,
    });
    core.audit.append({
      kind: 'order.bracket_amended',
      actor: BRACKET_ACTOR,
      payload: {
        bookId: core.bookId,
        entry: entryId,
        added: qtyText(short),
        replaced: [stop.client_order_id, target.client_order_id],
        placed: written,
        qty: qtyText(left + short),
      },
    });
    return written;
  })();
  // Both legs together: a venue with order lists sends them as one.
  await Promise.all(ids.map((id) => core.send(id, BRACKET_ACTOR, false)));
}
