import type { Database, Statement } from 'better-sqlite3';

/** The ledger's write-side statements, by name. */
export type LedgerStatements = Readonly<Record<LedgerStatementName, Statement>>;

type LedgerStatementName =
  | 'book'
  | 'insertBook'
  | 'updateBook'
  | 'fillExists'
  | 'insertFill'
  | 'openLots'
  | 'insertLot'
  | 'updateLot'
  | 'insertClose'
  | 'position'
  | 'upsertPosition'
  | 'upsertMark'
  | 'upsertMarkForward'
  | 'observeMark'
  | 'insertTransfer'
  | 'moveStart'
  | 'startOf'
  | 'foreign'
  | 'upsertForeign'
  | 'insertForeignTransfer';

/** Prepared statements of the ledger's write side. */
export function ledgerStatements(db: Database): LedgerStatements {
  const p = (sql: string): Statement => db.prepare(sql);
  return {
    book: p('SELECT quote_asset, cash, realized, fees FROM ledger_books WHERE book_id = ?'),
    insertBook: p(
      'INSERT INTO ledger_books (book_id, quote_asset, starting_balance, cash, realized, fees, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    updateBook: p('UPDATE ledger_books SET cash = ?, realized = ?, fees = ? WHERE book_id = ?'),
    fillExists: p('SELECT 1 FROM ledger_fills WHERE book_id = ? AND fill_id = ?'),
    insertFill: p(
      `INSERT INTO ledger_fills (book_id, fill_id, client_order_id, symbol, side, qty, price, notional, fee, fee_asset, fee_quote, liquidity, realized, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    openLots: p(
      'SELECT lot_id, direction, open_price, qty_remaining FROM ledger_lots WHERE book_id = ? AND symbol = ? AND open = 1 ORDER BY lot_id',
    ),
    insertLot: p(
      `INSERT INTO ledger_lots (book_id, symbol, direction, open_fill_id, opened_at, open_price, qty_opened, qty_remaining, open)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    ),
    updateLot: p('UPDATE ledger_lots SET qty_remaining = ?, open = ? WHERE lot_id = ?'),
    insertClose: p(
      `INSERT INTO ledger_lot_closes (book_id, lot_id, close_fill_id, closed_at, qty, close_price, cost_basis, proceeds, realized)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    position: p(
      'SELECT qty, cost, realized, fees FROM ledger_positions WHERE book_id = ? AND symbol = ?',
    ),
    upsertPosition: p(
      `INSERT INTO ledger_positions (book_id, symbol, qty, cost, realized, fees) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(book_id, symbol) DO UPDATE SET qty = excluded.qty, cost = excluded.cost, realized = excluded.realized, fees = excluded.fees`,
    ),
    upsertMark: p(
      `INSERT INTO ledger_marks (book_id, symbol, price, at) VALUES (?, ?, ?, ?)
       ON CONFLICT(book_id, symbol) DO UPDATE SET price = excluded.price, at = excluded.at`,
    ),
    // A live book's bar close: its wall-time marks never go back (a fresher trade stays).
    upsertMarkForward: p(
      `INSERT INTO ledger_marks (book_id, symbol, price, at) VALUES (?, ?, ?, ?)
       ON CONFLICT(book_id, symbol) DO UPDATE SET price = excluded.price, at = excluded.at
       WHERE excluded.at >= ledger_marks.at`,
    ),
    // An observed price (a fill, the venue's last trade) moves the mark only forward in time.
    observeMark: p(
      `INSERT INTO ledger_marks (book_id, symbol, price, at) VALUES (?, ?, ?, ?)
       ON CONFLICT(book_id, symbol) DO UPDATE SET price = excluded.price, at = excluded.at
       WHERE excluded.at > ledger_marks.at`,
    ),
    insertTransfer: p(
      'INSERT INTO ledger_transfers (book_id, at, amount, reason) VALUES (?, ?, ?, ?)',
    ),
    moveStart: p('UPDATE ledger_books SET starting_balance = ?, cash = ? WHERE book_id = ?'),
    startOf: p('SELECT starting_balance FROM ledger_books WHERE book_id = ?'),
    foreign: p('SELECT cash, realized, fees FROM ledger_cash WHERE book_id = ? AND asset = ?'),
    upsertForeign: p(
      `INSERT INTO ledger_cash (book_id, asset, cash, realized, fees) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(book_id, asset) DO UPDATE SET cash = excluded.cash, realized = excluded.realized, fees = excluded.fees`,
    ),
    insertForeignTransfer: p(
      'INSERT INTO ledger_cash_transfers (book_id, asset, at, amount, reason) VALUES (?, ?, ?, ?, ?)',
    ),
  };
}
