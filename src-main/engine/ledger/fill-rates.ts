import type { Database } from 'better-sqlite3';
import { pow10 } from '../../../src-shared/domain/decimal';
import type { BookId } from '../../../src-shared/domain/order';
import { exactRate } from './conversion';
import type { CurrentRate, FillRateView, TimeRange } from './ledger-types';
import { PRICE_SCALE } from './money';

/**
 * Rates of the currencies a book trades in (BTC for ETH/BTC) into the book's own, kept with each
 * fill at its time. They come from the ledger's marks through conversion.ts, the same rule that
 * values the book's equity, so a report values a fill exactly as the ledger did then.
 */

const SCALE = pow10(PRICE_SCALE);

/** `asset` in `currency` at `marks` (the ledger's latest), or null when no market links them. */
export function rateAt(
  asset: string,
  currency: string,
  marks: ReadonlyMap<string, bigint>,
  at: number,
): CurrentRate | null {
  const rate = exactRate(asset, currency, marks, SCALE);
  if (rate === null) return null;
  return { asset, num: rate.num.toString(), den: rate.den.toString(), via: rate.via, at };
}

/** Keeps the rate a fill was valued at; a fill without one is refused by reports, never guessed. */
export function recordFillRate(
  db: Database,
  bookId: BookId,
  fillId: string,
  rate: CurrentRate,
): void {
  db.prepare(
    'INSERT INTO ledger_fill_rates (book_id, fill_id, asset, num, den, via, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(bookId, fillId, rate.asset, rate.num, rate.den, JSON.stringify(rate.via), rate.at);
}

interface FillRateRow {
  fill_id: string;
  asset: string;
  num: string;
  den: string;
  via: string;
  at: number;
}

/** The rates kept with the book's fills in `range` (by fill time), oldest first. */
export function readFillRates(db: Database, bookId: BookId, range?: TimeRange): FillRateView[] {
  const params: unknown[] = [bookId];
  let sql = 'SELECT fill_id, asset, num, den, via, at FROM ledger_fill_rates WHERE book_id = ?';
  if (range?.from !== undefined) {
    sql += ' AND at >= ?';
    params.push(range.from);
  }
  if (range?.to !== undefined) {
    sql += ' AND at < ?';
    params.push(range.to);
  }
  const rows = db.prepare(`${sql} ORDER BY at, fill_id`).all(...params) as FillRateRow[];
  return rows.map((r) => ({
    fillId: r.fill_id,
    asset: r.asset,
    num: r.num,
    den: r.den,
    via: JSON.parse(r.via) as string[],
    at: r.at,
  }));
}
