import { RefusedError } from '../../../src-shared/contract/command-refusal';
import type { Database } from 'better-sqlite3';
import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../src-shared/domain/candle';
import type { BookId, EquitySample, FillView, OrderView } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { Ledger } from '../ledger/ledger';
import { moneyOf, moneyText } from '../ledger/money';
import type { Broker } from './broker';
import type { ExecutionBook } from './execution-book';
import { Executor, type ExecutorOptions, type ReconcileReport } from './executor';
import type { OrderGate } from './order-gate';
import { PaperBroker, type PaperBrokerOptions, type PaperQuote } from './paper/paper-broker';

export interface ExecutionEvents {
  readonly orderUpdated?: (order: OrderView) => void;
  readonly fillRecorded?: (fill: FillView) => void;
  readonly equitySampled?: (sample: EquitySample) => void;
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
      // Marks every book holding the symbol (a live book's positions move with the same bars).
      if (this.ledger.positions(book.bookId).some((p) => p.symbol === symbol)) {
        this.ledger.markBar(book.bookId, symbol, closePrice, at);
      } else if (book === this.paperBook) this.ledger.markBar(book.bookId, symbol, closePrice, at);
    }
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
  ): { oldCash: string; newBalance: string } {
    if (this.active !== this.paperBook)
      throw new RefusedError(
        'reset refused: only a paper account can be reset (switch to PAPER first)',
      );
    const paper = this.paper;
    const result = paper.store.db.transaction(() => {
      const r = paper.resetAccount(startingBalance, actor, reason);
      const book = this.ledger.book(paper.bookId);
      if (book === null) throw new Error('reset: paper book missing');
      const delta = moneyText(
        moneyOf(r.newBalance, 'new balance') - moneyOf(book.cash, 'book cash'),
      );
      this.ledger.transfer(paper.bookId, delta, `paper reset: ${reason}`, this.clock.now());
      this.audit.append({ kind: 'paper.reset', actor, payload: { ...r, reason } });
      return r;
    })();
    return result;
  }

  private observe(executor: Executor): void {
    executor.observe({
      order: this.events.orderUpdated,
      fill: this.events.fillRecorded,
      error: this.events.error,
    });
  }
}
