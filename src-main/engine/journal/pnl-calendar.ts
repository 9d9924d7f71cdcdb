import type { PnlCalendar, PnlDay } from '../../../src-shared/contract/journal';
import type { BookId } from '../../../src-shared/domain/order';
import { moneyText } from '../ledger/money';
import { dayIndexOf, localDate, localDayStarts, monthBounds } from '../reports/report-period';

/** What the calendar needs of a closed trade: when it went flat and what it made, net. */
export interface CalendarTrade {
  readonly closedAt: number;
  readonly quoteAsset: string;
  /** Net PnL at MONEY_SCALE, in quoteAsset. */
  readonly netPnl: bigint;
}

/** [start, end) of a local month, and the start of each of its days. */
export function monthDays(
  month: string,
  zone: string,
): { fromMs: number; toMs: number; starts: number[] } {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(match?.[1]);
  const mon = Number(match?.[2]);
  if (match === null || mon < 1 || mon > 12) throw new Error(`journal: bad month '${month}'`);
  const { fromMs, toMs } = monthBounds(year, mon, zone);
  return { fromMs, toMs, starts: localDayStarts(fromMs, toMs, zone) };
}

interface DayAcc {
  trades: number;
  wins: number;
  losses: number;
  net: bigint;
  other: Map<string, bigint>;
}

/**
 * Net PnL per local day of a month: each closed trade counts on the day (in `zone`) it went
 * flat, with its whole net PnL, so a day's cell is the sum of the journal rows closed that day.
 * Trades in another quote currency than the book's are summed apart, in their own currency.
 */
export function pnlCalendar(
  trades: readonly CalendarTrade[],
  input: { bookId: BookId; month: string; timeZone: string; currency: string },
): PnlCalendar {
  const { fromMs, toMs, starts } = monthDays(input.month, input.timeZone);
  const acc: DayAcc[] = starts.map(() => ({
    trades: 0,
    wins: 0,
    losses: 0,
    net: 0n,
    other: new Map(),
  }));
  let total = 0n;
  let count = 0;
  const other = new Map<string, bigint>();
  for (const t of trades) {
    if (t.closedAt < fromMs || t.closedAt >= toMs) continue;
    const day = acc[dayIndexOf(starts, t.closedAt)];
    if (day === undefined) throw new Error(`journal: no calendar day for ${t.closedAt}`);
    day.trades += 1;
    count += 1;
    if (t.netPnl > 0n) day.wins += 1;
    if (t.netPnl < 0n) day.losses += 1;
    if (t.quoteAsset === input.currency) {
      day.net += t.netPnl;
      total += t.netPnl;
    } else {
      day.other.set(t.quoteAsset, (day.other.get(t.quoteAsset) ?? 0n) + t.netPnl);
      other.set(t.quoteAsset, (other.get(t.quoteAsset) ?? 0n) + t.netPnl);
    }
  }
  const days: PnlDay[] = acc.map((d, i) => ({
    date: localDate(starts[i] ?? fromMs, input.timeZone),
    trades: d.trades,
    wins: d.wins,
    losses: d.losses,
    netPnl: moneyText(d.net),
    other: totalsOf(d.other),
  }));
  return {
    bookId: input.bookId,
    month: input.month,
    timeZone: input.timeZone,
    currency: input.currency,
    days,
    total: moneyText(total),
    trades: count,
    other: totalsOf(other),
  };
}

function totalsOf(map: Map<string, bigint>): Array<{ currency: string; netPnl: string }> {
  return [...map]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, net]) => ({ currency, netPnl: moneyText(net) }));
}
