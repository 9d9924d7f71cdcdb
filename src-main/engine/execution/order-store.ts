import type { Database, Statement } from 'better-sqlite3';
import type {
  BookId,
  BracketRole,
  OrderRequest,
  OrderState,
  OrderView,
} from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import {
  averagePrice,
  moneyOf,
  moneyText,
  notionalOf,
  priceOf,
  priceText,
  qtyOf,
  qtyText,
} from '../ledger/money';
import { clientIdTag, makeClientOrderId } from './client-order-id';
import { transition } from './order-state';
import { orderTermsOf } from './order-terms';

export interface OrderRow {
  id: number;
  book_id: BookId;
  venue: string;
  client_order_id: string;
  request_key: string | null;
  venue_order_id: string | null;
  symbol: string;
  side: 'buy' | 'sell';
  type: OrderRequest['type'];
  qty: string;
  price: string | null;
  stop_price: string | null;
  time_in_force: 'GTC' | 'IOC';
  reduce_only: number;
  state: OrderState;
  filled_qty: string;
  filled_value: string;
  reason: string | null;
  bracket_role: BracketRole | null;
  parent_client_order_id: string | null;
  oco_group: string | null;
  bracket_stop: string | null;
  bracket_target: string | null;
  /** A bracket entry: how much of what it filled its exit pairs cover (written with them). */
  exits_cover_qty: string;
  /** The actor that placed the order (null for orders recorded before this was kept). */
  placed_by: string | null;
  submit_attempts: number;
  created_at: number;
  updated_at: number;
}

/** Extra fields of an intent beyond the caller's request (bracket wiring). */
export interface IntentExtras {
  /** Who placed it: 'user:ui@websocket', 'system:kill', 'system:bracket', ... */
  readonly placedBy: string;
  readonly bracketRole: BracketRole | null;
  readonly parentClientOrderId: string | null;
  readonly ocoGroup: string | null;
}

/** Audit kind per target state: intent, submit, ack, fill and cancel/reject each have a name. */
const AUDIT_KIND: Readonly<Record<OrderState, string>> = {
  INTENT: 'order.intent',
  SUBMITTED: 'order.submit',
  OPEN: 'order.ack',
  PARTIALLY_FILLED: 'order.partially-filled',
  FILLED: 'order.filled',
  CANCEL_PENDING: 'order.cancel',
  CANCELED: 'order.canceled',
  REJECTED: 'order.reject',
  EXPIRED: 'order.expired',
};

export function toOrderView(row: OrderRow): OrderView {
  const filled = qtyOf(row.filled_qty, 'filled qty');
  const avg = averagePrice(moneyOf(row.filled_value, 'filled value'), filled);
  return {
    bookId: row.book_id,
    ...orderTermsOf(row),
    venueOrderId: row.venue_order_id,
    state: row.state,
    filledQty: row.filled_qty,
    avgFillPrice: avg === null ? null : priceText(avg),
    reason: row.reason,
    bracketRole: row.bracket_role,
    parentClientOrderId: row.parent_client_order_id,
    ocoGroup: row.oco_group,
    placedBy: row.placed_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Prepared statements over exec_orders and exec_transitions. */
function orderStatements(db: Database) {
  const p = (sql: string): Statement => db.prepare(sql);
  return {
    nextId: p('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM exec_orders'),
    insert: p(
      `INSERT INTO exec_orders (id, book_id, venue, client_order_id, request_key, symbol, side, type, qty, price, stop_price,
         time_in_force, reduce_only, state, filled_qty, filled_value, bracket_role, parent_client_order_id, oco_group,
         bracket_stop, bracket_target, created_at, updated_at, placed_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'INTENT', '0', '0', ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    byCid: p('SELECT * FROM exec_orders WHERE client_order_id = ?'),
    byKey: p('SELECT * FROM exec_orders WHERE book_id = ? AND request_key = ?'),
    setState: p(
      'UPDATE exec_orders SET state = ?, reason = COALESCE(?, reason), venue_order_id = COALESCE(?, venue_order_id), updated_at = ? WHERE id = ?',
    ),
    setFilled: p(
      'UPDATE exec_orders SET filled_qty = ?, filled_value = ?, updated_at = ? WHERE id = ?',
    ),
    setExitsCover: p('UPDATE exec_orders SET exits_cover_qty = ? WHERE id = ?'),
    bumpAttempts: p('UPDATE exec_orders SET submit_attempts = submit_attempts + 1 WHERE id = ?'),
    transition: p(
      'INSERT INTO exec_transitions (client_order_id, from_state, to_state, at, reason) VALUES (?, ?, ?, ?, ?)',
    ),
    nonFinal: p(
      "SELECT * FROM exec_orders WHERE book_id = ? AND state NOT IN ('FILLED','CANCELED','REJECTED','EXPIRED') ORDER BY id",
    ),
    children: p('SELECT * FROM exec_orders WHERE parent_client_order_id = ? ORDER BY id'),
    expiredWith: p(
      "SELECT * FROM exec_orders WHERE book_id = ? AND state = 'EXPIRED' AND substr(reason, 1, length(?)) = ? AND updated_at >= ? ORDER BY id",
    ),
    reopened: p(
      "SELECT 1 FROM exec_transitions WHERE client_order_id = ? AND from_state = 'EXPIRED' LIMIT 1",
    ),
    // The executor lists (open) orders on every bar close: prepared once, not per call.
    listAll: p(orderListSql(false)),
    listOpen: p(orderListSql(true)),
    stopsOf: p(
      `SELECT * FROM exec_orders WHERE book_id = ? AND symbol = ? AND type IN ('stop-market','stop-limit')
       AND (reduce_only = 1 OR bracket_role = 'stop-loss') ORDER BY id DESC LIMIT ?`,
    ),
  };
}

/**
 * The executor's order records. Every write is synchronous and audited in the same
 * transaction, and every state change goes through the state machine.
 */
export class OrderStore {
  private readonly s: ReturnType<typeof orderStatements>;
  private readonly tag: string;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {
    this.s = orderStatements(db);
    this.tag = clientIdTag(db);
  }

  /** Writes the write-ahead INTENT (and its audit record) before anything is sent. */
  insertIntent(bookId: BookId, venue: string, req: OrderRequest, extras: IntentExtras): OrderRow {
    return this.db.transaction(() => {
      const now = this.clock.now();
      const id = (this.s.nextId.get() as { id: number }).id;
      const cid = makeClientOrderId(bookId, this.tag, id);
      this.s.insert.run(
        id,
        bookId,
        venue,
        cid,
        req.requestKey ?? null,
        req.symbol,
        req.side,
        req.type,
        req.qty,
        req.price ?? null,
        req.stopPrice ?? null,
        req.timeInForce,
        req.reduceOnly ? 1 : 0,
        extras.bracketRole,
        extras.parentClientOrderId,
        extras.ocoGroup,
        req.bracket?.stopLoss ?? null,
        req.bracket?.takeProfit ?? null,
        now,
        now,
        extras.placedBy,
      );
      const row = this.require(cid);
      this.audit.append({
        kind: AUDIT_KIND.INTENT,
        actor: 'system:executor',
        payload: {
          bookId,
          clientOrderId: cid,
          symbol: req.symbol,
          side: req.side,
          type: req.type,
          qty: req.qty,
          price: req.price ?? null,
          stopPrice: req.stopPrice ?? null,
          timeInForce: req.timeInForce,
          reduceOnly: req.reduceOnly,
          bracketRole: extras.bracketRole,
          parent: extras.parentClientOrderId,
        },
      });
      return row;
    })();
  }

  byClientId(clientOrderId: string): OrderRow | undefined {
    return this.s.byCid.get(clientOrderId) as OrderRow | undefined;
  }

  byRequestKey(bookId: BookId, key: string): OrderRow | undefined {
    return this.s.byKey.get(bookId, key) as OrderRow | undefined;
  }

  require(clientOrderId: string): OrderRow {
    const row = this.byClientId(clientOrderId);
    if (row === undefined) throw new Error(`executor: no order ${clientOrderId}`);
    return row;
  }

  /** Moves an order along a legal edge (throws on an illegal one), recorded and audited. */
  setState(
    clientOrderId: string,
    to: OrderState,
    reason: string | null,
    actor: string,
    venueOrderId: string | null = null,
  ): OrderRow {
    return this.db.transaction(() => {
      const row = this.require(clientOrderId);
      transition(clientOrderId, row.state, to);
      const now = this.clock.now();
      this.s.setState.run(to, reason, venueOrderId, now, row.id);
      this.s.transition.run(clientOrderId, row.state, to, now, reason);
      this.audit.append({
        kind: AUDIT_KIND[to],
        actor,
        payload: {
          bookId: row.book_id,
          clientOrderId,
          from: row.state,
          to,
          reason,
          venueOrderId: venueOrderId ?? row.venue_order_id,
        },
      });
      return this.require(clientOrderId);
    })();
  }

  /**
   * The one way out of EXPIRED: an order recorded as never placed that the venue shows after
   * all goes back to SUBMITTED (sent; its venue status is applied next, by the usual edges).
   * Recorded as a transition like any other, so the record that said "never placed" stays in
   * the order's history, corrected, never overwritten; audited as `order.late_arrival`.
   */
  reopenExpired(
    clientOrderId: string,
    reason: string,
    actor: string,
    detail: Readonly<Record<string, string>>,
  ): OrderRow {
    return this.db.transaction(() => {
      const row = this.require(clientOrderId);
      if (row.state !== 'EXPIRED')
        throw new Error(`executor: order ${clientOrderId} is ${row.state}, not EXPIRED`);
      const now = this.clock.now();
      this.s.setState.run('SUBMITTED', reason, null, now, row.id);
      this.s.transition.run(clientOrderId, row.state, 'SUBMITTED', now, reason);
      this.audit.append({
        kind: 'order.late_arrival',
        actor,
        payload: {
          bookId: row.book_id,
          clientOrderId,
          recorded: row.state,
          recordedReason: row.reason,
          to: 'SUBMITTED',
          reason,
          ...detail,
        },
      });
      return this.require(clientOrderId);
    })();
  }

  /** Whether the order was ever reopened out of EXPIRED (see reopenExpired). */
  wasReopened(clientOrderId: string): boolean {
    return this.s.reopened.get(clientOrderId) !== undefined;
  }

  /** A book's EXPIRED orders whose reason starts with `reasonPrefix`, expired since `since`. */
  expiredWith(bookId: BookId, reasonPrefix: string, since: number): OrderRow[] {
    return this.s.expiredWith.all(bookId, reasonPrefix, reasonPrefix, since) as OrderRow[];
  }

  /** Adds one fill's quantity and value to the order's running totals. */
  addFill(row: OrderRow, qty: string, price: string): OrderRow {
    const q = qtyOf(qty, 'fill qty');
    const filled = qtyOf(row.filled_qty, 'filled qty') + q;
    const value =
      moneyOf(row.filled_value, 'filled value') + notionalOf(q, priceOf(price, 'fill price'));
    if (filled > qtyOf(row.qty, 'order qty')) {
      throw new Error(
        `executor: order ${row.client_order_id} overfilled: ${qtyText(filled)} > ${row.qty}`,
      );
    }
    this.s.setFilled.run(qtyText(filled), moneyText(value), this.clock.now(), row.id);
    return this.require(row.client_order_id);
  }

  /** Records how much of a bracket entry its exits now cover (in the exits' transaction). */
  setExitsCover(row: OrderRow, qty: string): void {
    this.s.setExitsCover.run(qty, row.id);
  }

  bumpAttempts(row: OrderRow): void {
    this.s.bumpAttempts.run(row.id);
  }

  nonFinal(bookId: BookId): OrderRow[] {
    return this.s.nonFinal.all(bookId) as OrderRow[];
  }

  /** A fresh tag for a one-cancels-other group that has no entry to be named after. */
  nextGroupTag(): string {
    return `x${(this.s.nextId.get() as { id: number }).id}`;
  }

  /** Protective stops of a symbol (reduce-only or bracket stop-losses), newest first. */
  stopsOf(bookId: BookId, symbol: string, limit: number): OrderRow[] {
    return this.s.stopsOf.all(bookId, symbol, limit) as OrderRow[];
  }

  children(clientOrderId: string): OrderRow[] {
    return this.s.children.all(clientOrderId) as OrderRow[];
  }

  list(bookId: BookId, openOnly: boolean, limit: number): OrderRow[] {
    return (openOnly ? this.s.listOpen : this.s.listAll).all(bookId, limit) as OrderRow[];
  }
}

/** A book's orders, newest first (open ones only, or all). */
function orderListSql(openOnly: boolean): string {
  const where = openOnly ? " AND state NOT IN ('FILLED','CANCELED','REJECTED','EXPIRED')" : '';
  return `SELECT * FROM exec_orders WHERE book_id = ?${where} ORDER BY id DESC LIMIT ?`;
}

/** Newest first; read-only (the CLI uses it without starting an executor). */
export function queryOrderRows(
  db: Database,
  bookId: BookId,
  openOnly: boolean,
  limit: number,
): OrderRow[] {
  return db.prepare(orderListSql(openOnly)).all(bookId, limit) as OrderRow[];
}
