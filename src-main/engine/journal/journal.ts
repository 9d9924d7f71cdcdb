import type { Database } from 'better-sqlite3';
import { InvalidInputError } from '../../../src-shared/contract/command-refusal';
import type {
  EntrySignal,
  JournalFilter,
  JournalPlan,
  JournalTrade,
  PnlCalendar,
} from '../../../src-shared/contract/journal';
import type { ScannerSignal, SignalRow } from '../../../src-shared/contract/scanner';
import type { Timeframe } from '../../../src-shared/domain/candle';
import type { BookId, FillView } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { moneyText } from '../ledger/money';
import { startOfLocalDay } from '../reports/report-period';
import type { EntryOrderRef, EntryStopSource } from './initial-risk';
import { statsOf, type JournalStats } from './journal-stats';
import { JournalStore } from './journal-store';
import { journalTradeOf, type TradeContext } from './journal-view';
import { pnlCalendar } from './pnl-calendar';
import { TradeBuilder, type ClosedTrade } from './trade-builder';

export interface JournalOptions {
  readonly db: Database;
  readonly audit: AuditLog;
  /** Wall clock: when a note was written. */
  readonly clock: Clock;
  /** The trader's zone (the risk limits' trading day): days of the filters and the calendar. */
  readonly timeZone: () => string;
  /** The book's own currency, or null when the ledger has no such book. */
  readonly bookCurrency: (bookId: BookId) => string | null;
  /** The bracket stop recorded on an entry order of a book, by client id (null without one). */
  readonly bracketStop: (bookId: BookId, clientOrderId: string) => string | null;
  /** The scanner's latest rows (the board) and the full signal behind one. */
  readonly signals: {
    list(): SignalRow[];
    explain(key: Pick<SignalRow, 'exchange' | 'symbol' | 'timeframe'>): Promise<ScannerSignal>;
  };
  readonly changed: (event: { bookId: BookId; cause: 'fill' | 'note'; tradeId: string }) => void;
  readonly onError: (error: unknown) => void;
}

/** The trade plan an entry order was sent from, when one sent it. */
export type EntryPlanSource = (entry: EntryOrderRef) => JournalPlan | null;

/** The timeframe whose signal an entry order was taken on, when its sender knows it. */
export type EntryTimeframeSource = (entry: EntryOrderRef) => Timeframe | null;

export interface NoteInput {
  readonly book: BookId;
  readonly tradeId: string;
  readonly text: string;
  readonly tags: readonly string[];
}

/**
 * The trading journal: every closed trade rebuilt from the ledger's fills, with the signal that
 * stood when its entry filled, its R-multiple, and the trader's notes and tags; the PnL
 * calendar over the same trades.
 */
export class Journal {
  private readonly store: JournalStore;
  private readonly stopSources: EntryStopSource[];
  /** Entry-signal captures still reading their factors (tests wait on them). */
  private readonly pending = new Set<Promise<void>>();
  /** Per capture still reading its factors: what to store if the engine stops first. */
  private readonly unexplained = new Map<Promise<void>, () => void>();
  /** Per book: the trades built so far from its fills, extended as fills arrive. */
  private readonly builders = new Map<BookId, TradeBuilder>();
  private readonly timeframeSources: EntryTimeframeSource[] = [];
  /** Books whose history a warm-up is reading, with the fills recorded meanwhile. */
  private readonly warming = new Map<BookId, string[]>();
  private readonly planSources: EntryPlanSource[] = [];
  private stopped = false;

  constructor(private readonly options: JournalOptions) {
    this.store = new JournalStore(options.db);
    const bracket: EntryStopSource = (entry) => {
      const stop = options.bracketStop(entry.bookId, entry.clientOrderId);
      return stop === null ? null : { stop, source: 'bracket' };
    };
    this.stopSources = [bracket];
  }

  /**
   * Puts a source of entry stops before the others: the plans area registers its plan stops
   * (by the plan id on the entry order) here, ahead of the bracket leg.
   */
  addStopSource(source: EntryStopSource): void {
    this.stopSources.unshift(source);
  }

  /** Names the plan an entry order was sent from (the plans area registers it). */
  addPlanSource(source: EntryPlanSource): void {
    this.planSources.push(source);
  }

  /**
   * A fill reached the ledger. An entry (it opened or added to a position) keeps the scanner's
   * signal for its market as it stands now. The journal (closed trades) changes only when the
   * fill closed a trade: only then is `changed` told, with that trade. While the book's history
   * is still being read (warm-up), the fill waits for the warm-up's end to be checked.
   */
  onFill(fill: FillView): void {
    if (this.store.openedLot(fill.bookId, fill.fillId)) this.captureSignal(fill);
    const waiting = this.warming.get(fill.bookId);
    if (waiting !== undefined) waiting.push(fill.fillId);
    else this.announceCloses(fill.bookId, [fill.fillId]);
  }

  /** Tells `changed` of each trade one of these fills closed (newest trades are last). */
  private announceCloses(bookId: BookId, fillIds: readonly string[]): void {
    const ids = new Set(fillIds);
    const closed = this.closed(bookId);
    const found: ClosedTrade[] = [];
    for (let i = closed.length - 1; i >= 0 && found.length < ids.size; i -= 1) {
      const trade = closed[i];
      if (trade !== undefined && ids.has(trade.closingFillId)) found.push(trade);
    }
    for (const trade of found.reverse())
      this.options.changed({ bookId, cause: 'fill', tradeId: trade.id });
  }

  /** Resolves when every signal capture started so far has stored its factors. */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  list(filter: JournalFilter): {
    timeZone: string;
    trades: JournalTrade[];
    matched: number;
    totals: Array<{ currency: string; netPnl: string }>;
    stats: JournalStats;
  } {
    const zone = this.options.timeZone();
    const fromMs = filter.from === undefined ? -Infinity : dayStart(filter.from, 0, zone, 'from');
    const toMs = filter.to === undefined ? Infinity : dayStart(filter.to, 1, zone, 'to');
    if (toMs <= fromMs)
      throw new InvalidInputError('journal', [
        { path: 'to', message: `${filter.to ?? ''} is before from ${filter.from ?? ''}` },
      ]);
    const context = this.contextOf(filter.book);
    // Filter on the exact trades first; only the page shown is turned into rows.
    const matching = this.closed(filter.book).filter((t) => {
      if (filter.symbol !== undefined && t.symbol !== filter.symbol) return false;
      if (t.closedAt < fromMs || t.closedAt >= toMs) return false;
      if (filter.tier !== undefined) {
        const tier = context.signalOf(t.openingFillId)?.tier ?? 'NONE';
        if (tier !== filter.tier) return false;
      }
      if (
        filter.tag !== undefined &&
        !(context.notes.get(t.id)?.tags.includes(filter.tag) ?? false)
      )
        return false;
      if (filter.outcome === 'winners' && t.netPnl <= 0n) return false;
      if (filter.outcome === 'losers' && t.netPnl >= 0n) return false;
      return true;
    });
    const totals = new Map<string, bigint>();
    for (const t of matching) totals.set(t.quoteAsset, (totals.get(t.quoteAsset) ?? 0n) + t.netPnl);
    const page: JournalTrade[] = [];
    for (let i = matching.length - 1; i >= 0 && page.length < filter.limit; i -= 1) {
      const trade = matching[i];
      if (trade !== undefined) page.push(journalTradeOf(trade, context));
    }
    return {
      timeZone: zone,
      trades: page,
      matched: matching.length,
      totals: [...totals].map(([currency, net]) => ({ currency, netPnl: moneyText(net) })),
      stats: statsOf(matching, filter.book, this.stopSources),
    };
  }

  /** Replaces a closed trade's note and tags; audited. Unknown trade ids are refused by name. */
  setNote(input: NoteInput, actor: string): JournalTrade {
    const trade = this.closed(input.book).find((t) => t.id === input.tradeId);
    if (trade === undefined)
      throw new InvalidInputError('journal note', [
        { path: 'tradeId', message: `no closed trade ${input.tradeId} in book ${input.book}` },
      ]);
    const tags = [...new Set(input.tags)];
    const at = this.options.clock.now();
    this.options.db.transaction(() => {
      this.store.putNote(
        input.book,
        input.tradeId,
        { text: input.text, tags, updatedAt: at },
        actor,
      );
      this.options.audit.append({
        kind: 'journal.note_set',
        actor,
        payload: { bookId: input.book, tradeId: input.tradeId, text: input.text, tags },
      });
    })();
    this.options.changed({ bookId: input.book, cause: 'note', tradeId: input.tradeId });
    return journalTradeOf(trade, this.contextOf(input.book));
  }

  calendar(bookId: BookId, month: string): PnlCalendar {
    const currency = this.options.bookCurrency(bookId);
    if (currency === null)
      throw new InvalidInputError('PnL calendar', [
        { path: 'book', message: `the ledger has no book '${bookId}'` },
      ]);
    return pnlCalendar(this.closed(bookId), {
      bookId,
      month,
      timeZone: this.options.timeZone(),
      currency,
    });
  }

  private contextOf(bookId: BookId): TradeContext {
    return {
      bookId,
      signalOf: this.store.entrySignals(bookId),
      notes: this.store.notes(bookId),
      stopSources: this.stopSources,
      planOf: (entry) => {
        for (const source of this.planSources) {
          const plan = source(entry);
          if (plan !== null) return plan;
        }
        return null;
      },
    };
  }

  /**
   * Builds the book's trades from its history in slices of `slice` fills, yielding to the event
   * loop between slices, so a long history is ready before the first look without one long
   * stall of the loop that carries the kill switch. The engine starts it in the background.
   */
  async warmUp(bookId: BookId, yieldNow: () => Promise<void>, slice = 500): Promise<void> {
    const builder = this.builderOf(bookId);
    const arrived: string[] = [];
    this.warming.set(bookId, arrived);
    try {
      for (;;) {
        const fills = this.store.fills(bookId, builder.lastSeq, slice);
        for (const fill of fills) builder.add(fill);
        if (fills.length < slice) break;
        await yieldNow();
        if (this.stopped) return;
      }
    } finally {
      this.warming.delete(bookId);
    }
    // Fills recorded while the history was read: the ones that closed a trade are news.
    if (arrived.length > 0) this.announceCloses(bookId, arrived);
  }

  /**
   * The engine is stopping, before its store closes: a warm-up still running ends at its next
   * slice, and each entry signal whose factors the scanner has not returned yet is stored now,
   * saying so, because the answer would come after the database closed.
   */
  stop(): void {
    this.stopped = true;
    for (const storeStopped of this.unexplained.values()) {
      try {
        storeStopped();
      } catch (error) {
        this.options.onError(error);
      }
    }
    this.unexplained.clear();
  }

  /** The book's closed trades, brought up to date with the fills recorded since last asked. */
  private closed(bookId: BookId): readonly ClosedTrade[] {
    const builder = this.builderOf(bookId);
    for (const fill of this.store.fills(bookId, builder.lastSeq)) builder.add(fill);
    return builder.closed;
  }

  private builderOf(bookId: BookId): TradeBuilder {
    let builder = this.builders.get(bookId);
    if (builder === undefined) {
      builder = new TradeBuilder();
      this.builders.set(bookId, builder);
    }
    return builder;
  }

  /**
   * Names the timeframe an entry order was taken on (a plan knows its signal's): the journal
   * then keeps that timeframe's signal instead of the market's strongest. Asked in turn.
   */
  addEntryTimeframeSource(source: EntryTimeframeSource): void {
    this.timeframeSources.unshift(source);
  }

  /**
   * The signal the entry was taken on: the timeframe a source names for its order, else the
   * strongest of the market's scanned timeframes (best tier, then highest probability: the
   * board's order). Its factors come from the scanner.
   */
  private captureSignal(fill: FillView): void {
    if (this.stopped) return;
    const entry = { bookId: fill.bookId, clientOrderId: fill.clientOrderId };
    const named = this.timeframeSources.map((source) => source(entry)).find((tf) => tf !== null);
    const row = this.options.signals
      .list()
      .find((r) => r.symbol === fill.symbol && (named === undefined || r.timeframe === named));
    if (row === undefined) return;
    const base: EntrySignal = {
      exchange: row.exchange,
      timeframe: row.timeframe,
      at: row.at,
      tier: row.tier,
      direction: row.direction,
      probability: row.probability,
      evBps: row.evBps,
      score: row.score,
      factors: null,
      factorsMissing: 'the factors are being read from the scanner',
    };
    const at = this.options.clock.now();
    this.store.putEntrySignal(fill.bookId, fill.fillId, base, at);
    const capture = this.options.signals
      .explain(row)
      .then(
        (signal): EntrySignal =>
          signal.at === row.at
            ? {
                ...base,
                factors: signal.contributions.map((c) => ({
                  factor: c.factor,
                  value: c.value,
                  contribution: c.contribution,
                })),
                factorsMissing: null,
              }
            : {
                ...base,
                factorsMissing: 'the scanner had moved to a newer bar before the factors were read',
              },
        (error: unknown): EntrySignal => ({
          ...base,
          factorsMissing: `the scanner could not explain the signal: ${error instanceof Error ? error.message : String(error)}`,
        }),
      )
      .then((signal) => {
        // Stopped meanwhile: stop() stored this entry's signal while the store was open.
        if (!this.stopped) this.store.putEntrySignal(fill.bookId, fill.fillId, signal, at);
      })
      .catch(this.options.onError)
      .finally(() => {
        this.pending.delete(capture);
        this.unexplained.delete(capture);
      });
    this.pending.add(capture);
    this.unexplained.set(capture, () =>
      this.store.putEntrySignal(
        fill.bookId,
        fill.fillId,
        { ...base, factorsMissing: 'the engine stopped before the scanner returned the factors' },
        at,
      ),
    );
  }
}

/** Local midnight of a YYYY-MM-DD day (plus `addDays`) in the zone. */
function dayStart(day: string, addDays: number, zone: string, field: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? NaN, (m ?? NaN) - 1, d ?? NaN));
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day)
    throw new InvalidInputError('journal', [
      { path: field, message: `${day} is not a calendar day` },
    ]);
  const next = new Date(date.getTime() + addDays * 86_400_000);
  return startOfLocalDay(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), zone);
}
