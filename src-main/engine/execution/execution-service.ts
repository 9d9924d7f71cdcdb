import { RefusedError } from '../../../src-shared/contract/command-refusal';
import type { Database } from 'better-sqlite3';
import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../src-shared/domain/candle';
import { scaledFromNumber } from '../../../src-shared/domain/decimal';
import type { LastTrade } from '../../../src-shared/domain/market';
import type { BookId, EquitySample, FillView, OrderView } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { Ledger } from '../ledger/ledger';
import { moneyOf, moneyText, PRICE_SCALE, priceText, qtyOf } from '../ledger/money';
import type { Broker } from './broker';
import type { ExecutionBook } from './execution-book';
import { Executor, type ExecutorOptions, type ReconcileReport } from './executor';
import type { OrderGate } from './order-gate';
import { PaperBroker, type PaperBrokerOptions, type PaperQuote } from './paper/paper-broker';
import { closePosition, type PositionClosed } from './close-position';
import { workingExits } from './exits-on-flat';

/** A protective stop to place for (part of) a position. */
export interface ProtectiveStop {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: string;
  readonly stopPrice: string;
}

export interface ExecutionEvents {
  readonly orderUpdated?: (order: OrderView) => void;
  /** An order recorded as never placed turned up at its venue (see late-arrival.ts). */
  readonly orderArrivedLate?: (order: OrderView) => void;
  readonly fillRecorded?: (fill: FillView) => void;
  readonly equitySampled?: (sample: EquitySample) => void;
  /** A book's mark moved without an equity sample (the venue's last trade, from the feed). */
  readonly markObserved?: (bookId: BookId, symbol: string) => void;
  readonly error?: (error: unknown) => void;
}

export interface PaperExecutionOptions {
  readonly db: Database;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly events?: ExecutionEvents;
  readonly paper?: Omit<Partial<PaperBrokerOptions>, 'db' | 'clock'>;
  readonly executor?: Omit<
    Partial<ExecutorOptions>,
    'db' | 'clock' | 'audit' | 'broker' | 'ledger'
  >;
}

/** What every book's executor shares: the database, the audit chain, the ledger, the gate. */
type SharedExecutorOptions = Omit<ExecutorOptions, 'broker' | 'clock'>;

/**
 * The execution core: the paper book and each live venue's book, over one ledger (paper and
 * live books strictly apart in it). Commands reach the active book (the trading mode picks
 * it); the kill switch sweeps every book. Each book has its own executor: a paper action can
 * never touch a live order, since an executor only ever changes orders of its own book.
 */
export class ExecutionService {
  private readonly books = new Map<BookId, ExecutionBook>();
  private active: ExecutionBook;
  private readonly paperBook: ExecutionBook;

  private constructor(
    readonly paper: PaperBroker,
    paperExecutor: Executor,
    readonly ledger: Ledger,
    private readonly shared: SharedExecutorOptions,
    private readonly events: ExecutionEvents,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {
    this.paperBook = { bookId: paper.bookId, broker: paper, executor: paperExecutor };
    this.books.set(paper.bookId, this.paperBook);
    this.active = this.paperBook;
  }

  static paper(options: PaperExecutionOptions): ExecutionService {
    const ledger = new Ledger(options.db);
    const startingBalance = options.paper?.startingBalance ?? '10000';
    const paper = new PaperBroker({
      db: options.db,
      clock: options.clock,
      ...options.paper,
      startingBalance,
    });
    ledger.ensureBook(paper.bookId, paper.quoteAsset, startingBalance, options.clock.now());
    const shared: SharedExecutorOptions = {
      db: options.db,
      audit: options.audit,
      ledger,
      ...options.executor,
    };
    const events = options.events ?? {};
    const service = new ExecutionService(
      paper,
      new Executor({ ...shared, clock: options.clock, broker: paper }),
      ledger,
      shared,
      events,
      options.audit,
      options.clock,
    );
    service.observe(service.paperBook.executor);
    if (events.equitySampled !== undefined) ledger.onEquitySample(events.equitySampled);
    return service;
  }

  /** The active book's venue (what commands and the risk gauges see). */
  get broker(): Broker {
    return this.active.broker;
  }

  /** The active book's executor. */
  get executor(): Executor {
    return this.active.executor;
  }

  get activeBookId(): BookId {
    return this.active.bookId;
  }

  /** Every book: paper first, then each live venue's. */
  allBooks(): ExecutionBook[] {
    return [...this.books.values()];
  }

  book(bookId: BookId): ExecutionBook | undefined {
    return this.books.get(bookId);
  }

  /**
   * A new executor for a live venue's book, with the same gate, ledger and observers as the
   * paper book's, on `clock` (live venues live on wall time, not market time). The caller
   * starts it (its reconcile needs the venue) and registers it here with `addBook`.
   */
  executorFor(broker: Broker, clock: Clock, gate?: OrderGate): Executor {
    const executor = new Executor({
      ...this.shared,
      ...(gate === undefined ? {} : { gate }),
      clock,
      broker,
    });
    this.observe(executor);
    return executor;
  }

  /** Registers a book (a live venue's), with its ledger book and starting cash. */
  addBook(book: ExecutionBook, quoteAsset: string, startingBalance: string): void {
    if (this.books.has(book.bookId)) throw new Error(`book ${book.bookId} exists already`);
    this.ledger.ensureBook(book.bookId, quoteAsset, startingBalance, this.clock.now());
    this.books.set(book.bookId, book);
  }

  /** Makes a book the one commands reach (the trading mode's choice). */
  activate(bookId: BookId): void {
    const book = this.books.get(bookId);
    if (book === undefined) throw new Error(`no book ${bookId}`);
    this.active = book;
  }

  /** Subscribes to the paper venue and reconciles every non-final paper order. Call once. */
  async start(actor = 'system:startup'): Promise<ReconcileReport> {
    this.paperBook.executor.start();
    return this.paperBook.executor.reconcile(actor);
  }

  /** Stops every book's executor (live books also stop their venue connections elsewhere). */
  stop(): void {
    for (const book of this.books.values()) book.executor.stop();
  }

  /**
   * A closed bar from the market feed: the paper venue matches against it, then the ledger
   * marks the paper book's positions at its close and samples equity.
   */
  onBar(symbol: string, candle: Candle, timeframe: Timeframe): void {
    this.paper.onBar(symbol, candle, timeframe);
    const closePrice = this.paper.lastPrice(symbol);
    if (closePrice === null) return;
    const at = candle.openTime + TIMEFRAME_MS[timeframe];
    for (const book of this.books.values()) {
      // Marks the paper book, and every other book holding the symbol (a live book's positions
      // move with the same bars). The paper book is marked either way: no positions read for it;
      // for the others one indexed row, not every position formatted, on every bar.
      if (book === this.paperBook) this.ledger.markBar(book.bookId, symbol, closePrice, at);
      else if (this.ledger.holdsPosition(book.bookId, symbol))
        // A live book lives on wall time: a trade seen after this close keeps its mark.
        this.ledger.markBar(book.bookId, symbol, closePrice, at, { forward: true });
    }
  }

  /**
   * A venue's last trade from the live feed: the new mark of every book holding the symbol,
   * unless its mark is as recent — a live book from its own exchange only, the paper book from
   * `paperExchange` (the exchange whose bars and quotes its venue fills against), so two
   * venues' prices never mix in one book. No equity sample: those follow fills and bar closes.
   */
  onLastTrade(trade: LastTrade, paperExchange: string | undefined): void {
    let price: string | undefined;
    for (const book of this.books.values()) {
      const exchange = book === this.paperBook ? paperExchange : book.broker.venue;
      if (exchange !== trade.exchange || !this.ledger.holdsPosition(book.bookId, trade.symbol))
        continue;
      price ??= priceText(
        scaledFromNumber(
          trade.price,
          PRICE_SCALE,
          'nearest',
          `${trade.exchange} ${trade.symbol} last price`,
        ),
      );
      if (this.ledger.markObserved(book.bookId, trade.symbol, price, trade.at))
        this.events.markObserved?.(book.bookId, trade.symbol);
    }
  }

  /**
   * The replay jumped: the paper venue's market for `symbol` is its last bar at the new time
   * (or none), and the ledger marks it there.
   */
  repositionMarket(symbol: string, candle: Candle | null, timeframe: Timeframe): void {
    this.paper.repositionMarket(symbol, candle);
    const price = this.paper.lastPrice(symbol);
    if (candle !== null && price !== null)
      this.ledger.markBar(
        this.paperBook.bookId,
        symbol,
        price,
        candle.openTime + TIMEFRAME_MS[timeframe],
      );
  }

  /** Closes (part of) a position: its exits first, then a reduce-only market order. */
  closePosition(symbol: string, qty: string | undefined, actor: string): Promise<PositionClosed> {
    return closePosition(
      {
        bookId: this.broker.bookId,
        orders: this.executor.orders,
        executor: this.executor,
        ledger: this.ledger,
        audit: this.audit,
      },
      symbol,
      qty,
      actor,
    );
  }

  /**
   * A reduce-only stop-market for (part of) a position, through the executor and the gate. A
   * take-profit already resting for that quantity on that side is re-paired with it, one
   * cancelling the other: a spot venue locks the asset of every resting sell, so a stop beside
   * a lone take-profit would be refused for balance.
   */
  async placeProtectiveStop(stop: ProtectiveStop, actor: string): Promise<OrderView> {
    const target = workingExits(this.executor.orders, this.broker.bookId, stop.symbol).filter(
      (o) => o.type === 'limit' && o.side === stop.side && o.price !== null,
    );
    const only = target.length === 1 ? target[0] : undefined;
    const rest =
      only === undefined ? 0n : qtyOf(only.qty, 'qty') - qtyOf(only.filled_qty, 'filled');
    if (only === undefined || only.price === null || rest !== qtyOf(stop.qty, 'stop qty'))
      return this.executor.place(
        { ...stop, type: 'stop-market', timeInForce: 'GTC', reduceOnly: true },
        actor,
      );
    await this.executor.cancel(only.client_order_id, actor, 're-paired with a protective stop');
    const pair = await this.executor.placeExitPair({ ...stop, takeProfit: only.price }, actor);
    const placed = pair.find((o) => o.type === 'stop-market');
    if (placed === undefined) throw new Error('protective stop: the exit pair has no stop');
    return placed;
  }

  /** A live best bid/ask: the paper venue fills market orders at the touch. */
  onQuote(symbol: string, quote: PaperQuote): void {
    this.paper.onQuote(symbol, quote);
  }

  /** Open orders of the paper book (LIVE needs none in flight). */
  paperOrdersInFlight(): number {
    return this.paperBook.executor.orders.nonFinal(this.paperBook.bookId).length;
  }

  /** Resets the paper account; refused with open orders/positions; audited. */
  resetPaper(
    startingBalance: string,
    actor: string,
    reason: string,
    marginTrading?: boolean,
  ): { oldCash: string; newBalance: string; marginTrading: boolean } {
    if (this.active !== this.paperBook)
      throw new RefusedError(
        'reset refused: only a paper account can be reset (switch to PAPER first)',
      );
    const paper = this.paper;
    const result = paper.store.db.transaction(() => {
      const r = paper.resetAccount(startingBalance, actor, reason, marginTrading);
      const book = this.ledger.book(paper.bookId);
      if (book === null) throw new Error('reset: paper book missing');
      const delta = moneyText(
        moneyOf(r.newBalance, 'new balance') - moneyOf(book.cash, 'book cash'),
      );
      const at = this.clock.now();
      this.ledger.transfer(paper.bookId, delta, `paper reset: ${reason}`, at);
      // Assets left over in other currencies leave with the reset, in the ledger as at the venue.
      for (const foreign of this.ledger.foreignCash(paper.bookId)) {
        if (moneyOf(foreign.cash, 'foreign cash') === 0n) continue;
        const amount = moneyText(-moneyOf(foreign.cash, 'foreign cash'));
        this.ledger.transferForeign(
          paper.bookId,
          foreign.asset,
          amount,
          `paper reset: ${reason}`,
          at,
        );
      }
      const out = { ...r, marginTrading: paper.marginTrading };
      this.audit.append({ kind: 'paper.reset', actor, payload: { ...out, reason } });
      return out;
    })();
    return {
      oldCash: result.oldCash,
      newBalance: result.newBalance,
      marginTrading: result.marginTrading,
    };
  }

  private observe(executor: Executor): void {
    executor.observe({
      order: this.events.orderUpdated,
      lateArrival: this.events.orderArrivedLate,
      fill: this.events.fillRecorded,
      error: this.events.error,
    });
  }
}
