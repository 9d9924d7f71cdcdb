import type { PnlCalendar } from '../../../src-shared/contract/journal';
import { pnlCalendar } from '../journal/pnl-calendar';
import { buildTrades, type JournalFill } from '../journal/trade-builder';
import { Money } from './money';
import type { ParsedFill } from './parsed-fill';
import { localParts, type ReportPeriod } from './report-period';
import type { Book } from './report-source';

/**
 * A fill's fee valued in its pair's own quote (the journal's money is per pair, as in the
 * cockpit): exact for a quote or base-asset fee; a third-asset fee is the ledger's value in the
 * account currency taken back through the fill's recorded rate, to the ledger's 24 places.
 */
function feeInPairQuote(f: ParsedFill): string {
  const { feeAsset, feeAmount, quote, base, price } = f.source;
  if (feeAsset === quote) return feeAmount;
  if (feeAsset === base) return new Money(feeAmount).times(price).toFixed();
  if (f.rate === null) return f.fee.toFixed();
  return f.fee.times(f.rate.den).div(f.rate.num).toDecimalPlaces(24).toFixed();
}

/** The report's months ("2026-10"), each local month the period touches. */
function monthsOf(period: ReportPeriod): string[] {
  const first = localParts(period.fromMs, period.timeZone);
  const last = localParts(Math.max(period.fromMs, period.toMs - 1), period.timeZone);
  const months: string[] = [];
  for (let i = first.year * 12 + first.month - 1; i <= last.year * 12 + last.month - 1; i += 1)
    months.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return months;
}

/**
 * The PnL calendar of each month of the report, from the same journal trades the cockpit's
 * calendar shows (a trade counts on the day it went flat, with its net PnL). Every fill of the
 * book's history goes in, since a trade closed in the period may have opened before it; only
 * trades closed inside the period are counted.
 */
export function reportCalendars(
  fills: readonly ParsedFill[],
  book: Book,
  currency: string,
  period: ReportPeriod,
): PnlCalendar[] {
  const journalFills: JournalFill[] = fills.map((f, i) => ({
    seq: i + 1,
    fillId: f.source.id,
    clientOrderId: f.source.clientOrderId,
    symbol: f.symbol,
    side: f.side,
    qty: f.source.quantity,
    price: f.source.price,
    fee: f.source.feeAmount,
    feeAsset: f.source.feeAsset,
    feeQuote: feeInPairQuote(f),
    at: f.at,
  }));
  const closed = buildTrades(journalFills).filter(
    (t) => t.closedAt >= period.fromMs && t.closedAt < period.toMs,
  );
  // Trades of pairs quoted in another currency stay in it (the calendar's "other" sums).
  return monthsOf(period).map((month) =>
    pnlCalendar(closed, { bookId: book, month, timeZone: period.timeZone, currency }),
  );
}
