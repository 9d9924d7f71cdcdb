import type { BookId } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Ledger } from '../ledger/ledger';
import type { Broker, VenueFill, VenueOrder } from './broker';
import { presumedNeverPlaced } from './never-placed';
import type { OrderRow, OrderStore } from './order-store';

/** The venue's answer about one client id. */
export interface VenueAnswer {
  readonly venue: VenueOrder | null;
  readonly fills: VenueFill[];
}

export interface ReconcileReport {
  /** Non-final orders looked at. */
  readonly checked: number;
  /** Intents (never sent before) sent now. */
  readonly sent: number;
  /** Stale intents dropped instead of sent. */
  readonly dropped: number;
  /** Fills the venue had that the ledger did not. */
  readonly fillsRecovered: number;
  /** Orders whose outcome is still unclear (the venue could not answer, or sent/cancel pending). */
  readonly unresolved: number;
  /** Open venue orders with client ids this database never wrote. */
  readonly orphans: readonly string[];
}

/** What reconciliation needs from the executor (its write paths, so every rule stays in one place). */
export interface ReconcileContext {
  readonly bookId: BookId;
  readonly orders: OrderStore;
  readonly broker: Broker;
  readonly ledger: Ledger;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly staleIntentMs: number;
  query(clientOrderId: string): Promise<VenueAnswer | null>;
  applyFill(fill: VenueFill): void;
  settle(clientOrderId: string, venue: VenueOrder | null, actor: string): void;
  /** Applies the venue's view of an order (an order recorded as never placed is reopened). */
  applyVenueOrder(venue: VenueOrder, actor: string): void;
  /**
   * Orders recorded as never placed recently enough that the venue may still take them in
   * late (see late-arrival.ts): asked for by client id at every pass, like non-final ones.
   */
  lateCandidates(): OrderRow[];
  cancel(clientOrderId: string, actor: string): Promise<unknown>;
  send(clientOrderId: string, actor: string): Promise<void>;
  drop(clientOrderId: string, reason: string, actor: string): void;
  idle(): Promise<void>;
  /**
   * Awaits a venue call; once the executor has stopped, whatever the call returns (or throws)
   * becomes ExecutorStoppedError, so nothing is written after stop.
   */
  venue<T>(call: Promise<T>, what: string): Promise<T>;
}

/**
 * Startup (and periodic) reconciliation: every non-final order is checked against the venue
 * by client id — never re-sent; missing fills are booked in the venue's time order; pending
 * cancels are asked for again with the same id; intents that never left are sent, or dropped
 * when too old to still mean it (bracket exits are always sent: they protect a position);
 * orders recorded as never placed are asked for again, and one the venue shows after all
 * (resting, filled) has its record corrected; open venue orders we never wrote are reported.
 */
export async function reconcileOrders(
  ctx: ReconcileContext,
  actor: string,
): Promise<ReconcileReport> {
  const before = ctx.ledger.fillCount(ctx.bookId);
  let sent = 0;
  let dropped = 0;
  let unresolved = 0;
  const rows = ctx.orders.nonFinal(ctx.bookId);
  // 1. Ask the venue about every order that left the process, and every one recorded as never
  // placed lately (a matching engine's backlog can take an order in long after our timeout).
  const answers: Array<{ clientOrderId: string; answer: VenueAnswer | null }> = [];
  for (const row of [...rows, ...ctx.lateCandidates()]) {
    if (row.state === 'INTENT') continue;
    const answer = await ctx.venue(ctx.query(row.client_order_id), 'reconciliation');
    answers.push({ clientOrderId: row.client_order_id, answer });
  }
  // 2. Missing fills first, in the venue's time order (FIFO lots depend on it).
  const fills = answers.flatMap((a) => a.answer?.fills ?? []).sort((x, y) => x.at - y.at);
  for (const fill of fills) ctx.applyFill(fill);
  // 3. Then each order's status; a cancel still pending is asked for again (same id).
  for (const { clientOrderId, answer } of answers) {
    if (answer === null) {
      unresolved += 1;
      continue;
    }
    ctx.settle(clientOrderId, answer.venue, actor);
    if (ctx.orders.require(clientOrderId).state === 'CANCEL_PENDING') {
      await ctx.venue(ctx.cancel(clientOrderId, actor), 'reconciliation');
    }
    const state = ctx.orders.require(clientOrderId).state;
    if (state === 'SUBMITTED' || state === 'CANCEL_PENDING') unresolved += 1;
  }
  // 4. Intents that never left.
  for (const row of rows) {
    if (row.state !== 'INTENT') continue;
    const protective = row.parent_client_order_id !== null;
    if (!protective && ctx.clock.now() - row.created_at > ctx.staleIntentMs) {
      ctx.drop(row.client_order_id, 'stale intent at restart; never sent', actor);
      dropped += 1;
    } else {
      await ctx.venue(ctx.send(row.client_order_id, actor), 'reconciliation');
      sent += 1;
    }
  }
  await ctx.venue(ctx.idle(), 'reconciliation');
  const open = await ctx.venue(ctx.broker.openOrders(), 'reconciliation');
  // One resting at the venue that was recorded as never placed longer ago than the candidates.
  for (const o of open) {
    const row = ctx.orders.byClientId(o.clientOrderId);
    if (row !== undefined && row.book_id === ctx.bookId && presumedNeverPlaced(row))
      ctx.applyVenueOrder(o, actor);
  }
  const orphans = open
    .filter((o) => ctx.orders.byClientId(o.clientOrderId) === undefined)
    .map((o) => o.clientOrderId);
  const report: ReconcileReport = {
    checked: rows.length,
    sent,
    dropped,
    fillsRecovered: ctx.ledger.fillCount(ctx.bookId) - before,
    unresolved,
    orphans,
  };
  ctx.audit.append({
    kind: 'execution.reconciled',
    actor,
    payload: { bookId: ctx.bookId, ...report },
  });
  return report;
}
