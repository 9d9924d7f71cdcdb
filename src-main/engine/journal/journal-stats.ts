import type { BookId } from '../../../src-shared/domain/order';
import { moneyOf } from '../ledger/money';
import { initialRiskFor, microR, rText, type EntryStopSource } from './initial-risk';
import type { ClosedTrade } from './trade-builder';

export interface JournalStats {
  readonly wins: number;
  readonly losses: number;
  readonly winRate: number | null;
  readonly withR: number;
  readonly averageR: string | null;
  readonly totalR: string | null;
}

/** Win rate and R over trades: R only where a stop protected every entry. */
export function statsOf(
  trades: readonly ClosedTrade[],
  bookId: BookId,
  sources: readonly EntryStopSource[],
): JournalStats {
  let wins = 0;
  let losses = 0;
  let withR = 0;
  let sumR = 0n;
  for (const t of trades) {
    if (t.netPnl > 0n) wins += 1;
    if (t.netPnl < 0n) losses += 1;
    const verdict = initialRiskFor(t, bookId, sources);
    if (verdict.risk === null) continue;
    withR += 1;
    sumR += microR(t.netPnl, moneyOf(verdict.risk.amount, 'journal initial risk'));
  }
  return {
    wins,
    losses,
    winRate: trades.length === 0 ? null : wins / trades.length,
    withR,
    averageR: withR === 0 ? null : rText(sumR / BigInt(withR)),
    totalR: withR === 0 ? null : rText(sumR),
  };
}
