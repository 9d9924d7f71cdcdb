import type { Database } from 'better-sqlite3';
import { parseMoney } from './money';
import type { Book, CashFlow } from './report-source';

interface TransferRow {
  readonly seq: number;
  readonly at: number;
  readonly amount: string;
  readonly reason: string;
}

/**
 * Deposits and withdrawals of a book from the ledger's transfer table (a paper reset is
 * recorded there too, as the change of balance it made). Positive amounts are deposits.
 */
export function ledgerTransfers(
  db: Database,
  book: Book,
  fromMs: number,
  toMs: number,
): CashFlow[] {
  const rows = db
    .prepare(
      'SELECT seq, at, amount, reason FROM ledger_transfers WHERE book_id = ? AND at >= ? AND at < ? ORDER BY seq',
    )
    .all(book, fromMs, toMs) as TransferRow[];
  return rows.flatMap((r): CashFlow[] => {
    const amount = parseMoney(r.amount, `ledger transfer ${r.seq}`);
    if (amount.isZero()) return [];
    return [
      {
        at: r.at,
        kind: amount.gt(0) ? 'deposit' : 'withdrawal',
        amount: amount.abs().toFixed(),
        note: r.reason,
      },
    ];
  });
}
