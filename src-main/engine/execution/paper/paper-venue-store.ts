import type { Database, Statement } from 'better-sqlite3';
import { parseScaled } from '../../../../src-shared/domain/decimal';
import type { OrderSide, OrderType, TimeInForce } from '../../../../src-shared/domain/order';
import type { VenueFill, VenueOrder, VenueOrderStatus } from '../broker';
import type { MarketRules } from '../market-rules';
import { orderTermsOf } from '../order-terms';

export interface PaperOrderRow {
  seq: number;
  client_order_id: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  qty: string;
  price: string | null;
  stop_price: string | null;
  time_in_force: TimeInForce;
  reduce_only: number;
  oco_group: string | null;
  status: VenueOrderStatus;
  filled_qty: string;
  filled_value: string;
  triggered: number;
  seen_bar: number;
  accepted_at: number;
  updated_at: number;
  reason: string | null;
}

export interface PaperFillRow {
  seq: number;
  client_order_id: string;
  symbol: string;
  side: OrderSide;
  qty: string;
  price: string;
  fee: string;
  fee_asset: string;
  liquidity: 'maker' | 'taker';
  at: number;
}

/** Prepared statements over the paper_* tables. */
function paperStatements(db: Database) {
  const p = (sql: string): Statement => db.prepare(sql);
  return {
    account: p(
      'SELECT quote_asset, starting_balance, margin_trading FROM paper_accounts WHERE account_id = ?',
    ),
    insertAccount: p(
      'INSERT INTO paper_accounts (account_id, quote_asset, starting_balance, created_at) VALUES (?, ?, ?, ?)',
    ),
    resetAccount: p(
      'UPDATE paper_accounts SET starting_balance = ?, margin_trading = ? WHERE account_id = ?',
    ),
    balance: p('SELECT cash FROM paper_balances WHERE account_id = ? AND asset = ?'),
    balances: p('SELECT asset, cash FROM paper_balances WHERE account_id = ? ORDER BY asset'),
    setBalance: p(
      `INSERT INTO paper_balances (account_id, asset, cash) VALUES (?, ?, ?)
       ON CONFLICT(account_id, asset) DO UPDATE SET cash = excluded.cash`,
    ),
    clearBalances: p('DELETE FROM paper_balances WHERE account_id = ?'),
    insertReset: p(
      'INSERT INTO paper_resets (account_id, at, old_cash, new_balance, actor, reason) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    orderByCid: p('SELECT * FROM paper_orders WHERE account_id = ? AND client_order_id = ?'),
    insertOrder: p(
      `INSERT INTO paper_orders (account_id, client_order_id, symbol, side, type, qty, price, stop_price, time_in_force,
         reduce_only, oco_group, status, filled_qty, filled_value, accepted_at, updated_at, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '0', '0', ?, ?, ?)`,
    ),
    updateOrder: p(
      `UPDATE paper_orders SET status = ?, filled_qty = ?, filled_value = ?, triggered = ?, seen_bar = ?, updated_at = ?, reason = ?
       WHERE seq = ?`,
    ),
    // Unordered: open() sorts by seq. An ORDER BY here builds a temporary B-tree on every
    // call (the IN over two statuses leaves the index's rows out of seq order), ~17 us of the
    // ~20 us a call costs, and the matcher asks once per bar and market.
    openOrders: p(
      "SELECT * FROM paper_orders WHERE account_id = ? AND status IN ('OPEN','PARTIALLY_FILLED')",
    ),
    openOrdersOf: p(
      "SELECT * FROM paper_orders WHERE account_id = ? AND symbol = ? AND status IN ('OPEN','PARTIALLY_FILLED')",
    ),
    ocoPeers: p(
      "SELECT * FROM paper_orders WHERE account_id = ? AND oco_group = ? AND seq <> ? AND status IN ('OPEN','PARTIALLY_FILLED')",
    ),
    insertFill: p(
      `INSERT INTO paper_fills (account_id, client_order_id, symbol, side, qty, price, fee, fee_asset, liquidity, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    fillsOf: p(
      'SELECT * FROM paper_fills WHERE account_id = ? AND client_order_id = ? ORDER BY seq',
    ),
    allFills: p(
      'SELECT f.*, o.seq AS order_seq FROM paper_fills f JOIN paper_orders o ON o.account_id = f.account_id AND o.client_order_id = f.client_order_id WHERE f.account_id = ? ORDER BY f.seq',
    ),
    position: p('SELECT qty FROM paper_positions WHERE account_id = ? AND symbol = ?'),
    positions: p('SELECT symbol, qty FROM paper_positions WHERE account_id = ? ORDER BY symbol'),
    upsertPosition: p(
      `INSERT INTO paper_positions (account_id, symbol, qty) VALUES (?, ?, ?)
       ON CONFLICT(account_id, symbol) DO UPDATE SET qty = excluded.qty`,
    ),
    bar: p(
      'SELECT open_time, last_price, last_volume FROM paper_bars WHERE account_id = ? AND symbol = ?',
    ),
    bars: p('SELECT symbol, last_price FROM paper_bars WHERE account_id = ?'),
    deleteBar: p('DELETE FROM paper_bars WHERE account_id = ? AND symbol = ?'),
    upsertBar: p(
      `INSERT INTO paper_bars (account_id, symbol, open_time, last_price, last_volume) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(account_id, symbol) DO UPDATE SET open_time = excluded.open_time, last_price = excluded.last_price,
         last_volume = excluded.last_volume`,
    ),
    logRequest: p(
      'INSERT INTO paper_requests (account_id, at, kind, client_order_id, outcome) VALUES (?, ?, ?, ?, ?)',
    ),
  };
}

/** Prepared statements over the paper_* tables for one account. */
export class PaperVenueStore {
  readonly s: ReturnType<typeof paperStatements>;

  constructor(
    readonly db: Database,
    readonly accountId: string,
  ) {
    this.s = paperStatements(db);
  }

  order(clientOrderId: string): PaperOrderRow | undefined {
    return this.s.orderByCid.get(this.accountId, clientOrderId) as PaperOrderRow | undefined;
  }

  require(clientOrderId: string): PaperOrderRow {
    const row = this.order(clientOrderId);
    if (row === undefined) throw new Error(`paper venue: order ${clientOrderId} vanished`);
    return row;
  }

  /** The account's open orders (of `symbol`), oldest first (by seq, unique). */
  open(symbol?: string): PaperOrderRow[] {
    const rows = (
      symbol === undefined
        ? this.s.openOrders.all(this.accountId)
        : this.s.openOrdersOf.all(this.accountId, symbol)
    ) as PaperOrderRow[];
    return rows.length < 2 ? rows : rows.sort((a, b) => a.seq - b.seq);
  }

  saveOrder(row: PaperOrderRow): void {
    this.s.updateOrder.run(
      row.status,
      row.filled_qty,
      row.filled_value,
      row.triggered,
      row.seen_bar,
      row.updated_at,
      row.reason,
      row.seq,
    );
  }

  log(at: number, kind: string, clientOrderId: string | null, outcome: string): void {
    this.s.logRequest.run(this.accountId, at, kind, clientOrderId, outcome);
  }

  /** One order's fills, in venue order. */
  fillsOf(clientOrderId: string): VenueFill[] {
    const row = this.order(clientOrderId);
    if (row === undefined) return [];
    const fills = this.s.fillsOf.all(this.accountId, clientOrderId) as PaperFillRow[];
    return fills.map((f) => toVenueFill(f, `P${row.seq}`));
  }

  /** Every fill of the account, in venue order (the venue's own record, for reconciliation checks). */
  allFills(): VenueFill[] {
    const rows = this.s.allFills.all(this.accountId) as Array<PaperFillRow & { order_seq: number }>;
    return rows.map((r) => toVenueFill(r, `P${r.order_seq}`));
  }
}

export function toVenueOrder(row: PaperOrderRow, rules: MarketRules | undefined): VenueOrder {
  let avg: string | null = null;
  if (rules !== undefined && row.filled_qty !== '0') {
    // filled_value is sum(price * qty) in integer units of both scales, so dividing by the
    // filled quantity's integer units leaves the average price in price units (floor).
    const qtyUnits = parseScaled(row.filled_qty, rules.qtyScale, 'filled qty');
    avg = rules.priceText(BigInt(row.filled_value) / qtyUnits);
  }
  return {
    ...orderTermsOf(row),
    venueOrderId: `P${row.seq}`,
    ocoGroup: row.oco_group,
    status: row.status,
    filledQty: row.filled_qty,
    avgFillPrice: avg,
    reason: row.reason,
    updatedAt: row.updated_at,
  };
}

export function toVenueFill(row: PaperFillRow, venueOrderId: string): VenueFill {
  return {
    fillId: `T${row.seq}`,
    clientOrderId: row.client_order_id,
    venueOrderId,
    symbol: row.symbol,
    side: row.side,
    qty: row.qty,
    price: row.price,
    fee: row.fee,
    feeAsset: row.fee_asset,
    liquidity: row.liquidity,
    at: row.at,
  };
}
