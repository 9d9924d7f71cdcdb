import type { EntrySignal, JournalPlan, JournalTrade } from '../../../src-shared/contract/journal';
import type { BookId } from '../../../src-shared/domain/order';
import { moneyOf, moneyText, priceText, qtyText } from '../ledger/money';
import {
  initialRiskFor,
  rMultipleOf,
  type EntryOrderRef,
  type EntryStopSource,
} from './initial-risk';
import type { TradeNote } from './journal-store';
import { averagePriceOf, type ClosedTrade } from './trade-builder';

/** What a trade's row is made of besides its fills. */
export interface TradeContext {
  readonly bookId: BookId;
  /** The signal stored for an entry fill, by fill id. */
  readonly signalOf: (fillId: string) => EntrySignal | null;
  readonly notes: ReadonlyMap<string, TradeNote>;
  readonly stopSources: readonly EntryStopSource[];
  /** The plan an entry order was sent from, or null. */
  readonly planOf: (entry: EntryOrderRef) => JournalPlan | null;
}

/** The plan of the trade's first entry a plan sent (a plan's legs are one trade). */
function planOfTrade(trade: ClosedTrade, context: TradeContext): JournalPlan | null {
  for (const entry of trade.entries) {
    const plan = context.planOf({ bookId: context.bookId, clientOrderId: entry.clientOrderId });
    if (plan !== null) return plan;
  }
  return null;
}

/** A closed trade as the journal shows it: exact decimals, its R-multiple, signal and note. */
export function journalTradeOf(trade: ClosedTrade, context: TradeContext): JournalTrade {
  const verdict = initialRiskFor(trade, context.bookId, context.stopSources);
  const note = context.notes.get(trade.id);
  return {
    id: trade.id,
    bookId: context.bookId,
    symbol: trade.symbol,
    quoteAsset: trade.quoteAsset,
    direction: trade.direction,
    openedAt: trade.openedAt,
    closedAt: trade.closedAt,
    holdingMs: Math.max(0, trade.closedAt - trade.openedAt),
    entryPrice: priceText(averagePriceOf(trade.entryValue, trade.entryQty)),
    exitPrice: priceText(averagePriceOf(trade.exitValue, trade.exitQty)),
    qty: qtyText(trade.entryQty),
    entries: trade.entries.length,
    exits: trade.exitCount,
    fees: moneyText(trade.fees),
    grossPnl: moneyText(trade.grossPnl),
    netPnl: moneyText(trade.netPnl),
    initialRisk: verdict.risk,
    rMultiple:
      verdict.risk === null
        ? null
        : rMultipleOf(trade.netPnl, moneyOf(verdict.risk.amount, 'journal initial risk')),
    rMissing: verdict.missing,
    entrySignal: context.signalOf(trade.openingFillId),
    plan: planOfTrade(trade, context),
    notes: note?.text ?? '',
    tags: [...(note?.tags ?? [])],
    notedAt: note?.updatedAt ?? null,
  };
}
