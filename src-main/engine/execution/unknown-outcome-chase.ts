import type { UnknownOrderOutcome } from '../../../src-shared/contract/risk';
import { qtyOf } from '../ledger/money';
import { ExecutorStoppedError } from './broker-errors';
import type { ExecutorCore } from './executor-core';
import { isFinalState } from './order-state';
import type { OrderRow } from './order-store';
import { NO_RECORD_REASON } from './never-placed';
import { askVenue } from './venue-answers';

/** Why the chase cancels an order it found: kept as the order's reason. */
export const CHASE_CANCEL_REASON = 'kill: found at the venue after its placement answer was lost';

/** Why the kill cancels an order the venue took in after it was recorded as never placed. */
export const LATE_CANCEL_REASON =
  'kill: arrived at the venue after it was recorded as never placed';

/** An order whose outcome is unknown, by its client id and in words. */
export interface OrderOfUnknownOutcome {
  readonly clientOrderId: string;
  /** "sell 0.01 BTC/USDT market (client id …)". */
  readonly words: string;
}

/**
 * Orders whose submit outcome is unknown: sent (SUBMITTED), with no submit call waiting any
 * more, so the answer that would have settled them was lost (a timeout, a 5xx, broken JSON,
 * a restart). The venue may have the order or may never get it; only asking by client id
 * tells. An order whose answer came, saying it filled, stays SUBMITTED only while its fills
 * are fetched (chasingFills): its outcome is known.
 */
export function unknownOutcomeRows(core: ExecutorCore): OrderRow[] {
  return core.orders
    .nonFinal(core.bookId)
    .filter(
      (r) =>
        r.state === 'SUBMITTED' &&
        !core.sending.has(r.client_order_id) &&
        !core.chasingFills.has(r.client_order_id),
    );
}

/**
 * The kill's chase of orders of unknown outcome: each one (and each one an earlier pass of the
 * same kill left unresolved, `tracked`) is asked for by its client id — never sent again. Found
 * resting, it is cancelled; found final, its fate is said; not found, it stays unresolved until
 * the grace for an unknown outcome ends, when the executor's own rule records it as never
 * placed (EXPIRED) and the chase says so. A failed question is an unresolved outcome naming the
 * error: the kill is not done while any outcome is unresolved.
 */
export async function chaseUnknownOutcomes(
  core: ExecutorCore,
  actor: string,
  tracked: readonly string[],
): Promise<UnknownOrderOutcome[]> {
  const ids = new Set(unknownOutcomeRows(core).map((r) => r.client_order_id));
  for (const id of tracked) if (core.orders.byClientId(id)?.book_id === core.bookId) ids.add(id);
  return Promise.all([...ids].map((id) => chaseOne(core, id, actor)));
}

async function chaseOne(
  core: ExecutorCore,
  clientOrderId: string,
  actor: string,
): Promise<UnknownOrderOutcome> {
  const before = core.orders.require(clientOrderId);
  if (isFinalState(before.state)) return outcomeOf(core, before, false);
  let foundNothing: boolean;
  try {
    const answer = await core.venue(askVenue(core, clientOrderId), 'an order query');
    for (const fill of answer.fills) core.applyFill(fill);
    core.settle(clientOrderId, answer.venue, actor);
    foundNothing = answer.venue === null;
  } catch (error) {
    if (error instanceof ExecutorStoppedError) throw error;
    core.reportError(error);
    const why = error instanceof Error ? error.message : String(error);
    return outcome(
      core,
      before,
      'unresolved',
      `outcome unknown: asking ${core.broker.venue} for it failed (${why}); asking again`,
      graceLeftMs(core, before),
    );
  }
  const now = core.orders.require(clientOrderId);
  if (now.state === 'OPEN' || now.state === 'PARTIALLY_FILLED' || now.state === 'CANCEL_PENDING') {
    const why = core.orders.wasReopened(clientOrderId) ? LATE_CANCEL_REASON : CHASE_CANCEL_REASON;
    await core.cancel(clientOrderId, actor, why);
  }
  return outcomeOf(core, core.orders.require(clientOrderId), foundNothing);
}

function outcomeOf(core: ExecutorCore, row: OrderRow, foundNothing: boolean): UnknownOrderOutcome {
  const venue = core.broker.venue;
  const filled = qtyOf(row.filled_qty, 'filled qty') > 0n ? row.filled_qty : null;
  if (core.orders.wasReopened(row.client_order_id)) {
    const late = lateOutcome(core, row, filled);
    if (late !== null) return late;
  }
  switch (row.state) {
    case 'CANCELED':
      return outcome(
        core,
        row,
        'cancelled',
        `found at ${venue} after its answer was lost, and cancelled` +
          (filled === null ? '' : ` (${filled} had filled before)`),
      );
    case 'FILLED':
      return outcome(core, row, 'filled', `found at ${venue} already filled (${row.filled_qty})`);
    case 'EXPIRED':
      if (foundNothing || row.reason?.startsWith(NO_RECORD_REASON) === true) {
        const graceSec = Math.round(core.unknownGraceMs / 1000);
        return outcome(
          core,
          row,
          'never-found',
          `not found at ${venue} by its client id within the ${graceSec} s grace: recorded as never placed (EXPIRED); check the exchange`,
        );
      }
      return outcome(core, row, 'closed', `${venue} says it expired`);
    case 'REJECTED':
      return outcome(
        core,
        row,
        'closed',
        `${venue} refused it: ${row.reason ?? 'no reason given'}`,
      );
    case 'CANCEL_PENDING':
      return outcome(
        core,
        row,
        'unresolved',
        `found at ${venue} after its answer was lost; its cancel is not confirmed yet: asking again`,
      );
    case 'OPEN':
    case 'PARTIALLY_FILLED':
      return outcome(
        core,
        row,
        'unresolved',
        `found resting at ${venue} after its answer was lost; its cancel did not go through (${row.reason ?? 'no reason given'}): cancelling again`,
      );
    default: {
      const leftMs = graceLeftMs(core, row);
      return outcome(
        core,
        row,
        'unresolved',
        `outcome unknown: ${venue} has no record of it yet (asked by its client id); asking until found or the grace ends in ${Math.ceil(leftMs / 1000)} s`,
        leftMs,
      );
    }
  }
}

/**
 * The fate of an order the venue took in after it was recorded as never placed, once settled;
 * null while it still works (the usual words say what the kill does about it).
 */
function lateOutcome(
  core: ExecutorCore,
  row: OrderRow,
  filled: string | null,
): UnknownOrderOutcome | null {
  const late = `recorded as never placed, then it arrived at ${core.broker.venue} late`;
  switch (row.state) {
    case 'CANCELED':
      return outcome(
        core,
        row,
        'cancelled',
        `${late}; cancelled` + (filled === null ? '' : ` (${filled} had filled before: booked)`),
      );
    case 'FILLED':
      return outcome(core, row, 'filled', `${late}, already filled (${row.filled_qty}): booked`);
    case 'EXPIRED':
    case 'REJECTED':
      return outcome(
        core,
        row,
        'closed',
        `${late}; ${core.broker.venue} ended it (${row.state}: ${row.reason ?? 'no reason given'})` +
          (filled === null ? '' : `; ${filled} had filled: booked`),
      );
    default:
      return null;
  }
}

/** How long until an order not found yet is recorded as never placed (0 once it has ended). */
function graceLeftMs(core: ExecutorCore, row: OrderRow): number {
  return Math.max(0, Math.round(row.updated_at + core.unknownGraceMs - core.clock.now()));
}

/** An order in words, as the kill's outcomes and the re-arm refusal name it. */
export function orderWords(row: OrderRow): string {
  const price = row.price === null ? '' : ` at ${row.price}`;
  return `${row.side} ${row.qty} ${row.symbol} ${row.type}${price} (client id ${row.client_order_id})`;
}

function outcome(
  core: ExecutorCore,
  row: OrderRow,
  kind: UnknownOrderOutcome['outcome'],
  fate: string,
  /** Only while the venue has not shown the order (see UnknownOrderOutcome.graceLeftMs). */
  graceLeftMs?: number,
): UnknownOrderOutcome {
  return {
    venue: core.broker.venue,
    clientOrderId: row.client_order_id,
    symbol: row.symbol,
    side: row.side,
    qty: row.qty,
    outcome: kind,
    detail: `${orderWords(row)}: ${fate}`,
    ...(graceLeftMs === undefined ? {} : { graceLeftMs }),
  };
}
