import { RefusedError } from '../../../src-shared/contract/command-refusal';
import type { Database } from 'better-sqlite3';
import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../src-shared/domain/candle';
import type { EquitySample, FillView, OrderView } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { Ledger } from '../ledger/ledger';
import { moneyOf, moneyText } from '../ledger/money';
import type { Broker } from './broker';
import { Executor, type ExecutorOptions, type ReconcileReport } from './executor';
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

/**
 * Composition of execution for one book: broker + executor + ledger. The paper/live choice is
 * made here (the composition root's job), nowhere else.
 */
export class ExecutionService {
  private constructor(
    readonly broker: Broker,
    readonly paper: PaperBroker | null,
    readonly executor: Executor,
    readonly ledger: Ledger,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

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
    const executor = new Executor({
      db: options.db,
      clock: options.clock,
      audit: options.audit,
      broker: paper,
      ledger,
      ...options.executor,
    });
    const events = options.events ?? {};
    executor.observe({
      order: events.orderUpdated,
      fill: events.fillRecorded,
      error: events.error,
    });
    if (events.equitySampled !== undefined) ledger.onEquitySample(events.equitySampled);
    return new ExecutionService(paper, paper, executor, ledger, options.audit, options.clock);
  }

  /** Subscribes to the venue and reconciles every non-final order. Call once at startup. */
  async start(actor = 'system:startup'): Promise<ReconcileReport> {
    this.executor.start();
    return this.executor.reconcile(actor);
  }

  stop(): void {
    this.executor.stop();
  }

  /**
   * A closed bar from the market feed: the paper venue matches against it, then the ledger
   * marks positions at its close and samples equity.
   */
  onBar(symbol: string, candle: Candle, timeframe: Timeframe): void {
    this.paper?.onBar(symbol, candle, timeframe);
    const closePrice = this.paper?.lastPrice(symbol);
    if (closePrice !== null && closePrice !== undefined) {
      this.ledger.markBar(
        this.broker.bookId,
        symbol,
        closePrice,
        candle.openTime + TIMEFRAME_MS[timeframe],
      );
    }
  }

  /** A live best bid/ask: the paper venue fills market orders at the touch. */
  onQuote(symbol: string, quote: PaperQuote): void {
    this.paper?.onQuote(symbol, quote);
  }

  /** Resets the paper account; refused in live mode or with open orders/positions; audited. */
  resetPaper(
    startingBalance: string,
    actor: string,
    reason: string,
  ): { oldCash: string; newBalance: string } {
    if (this.paper === null)
      throw new RefusedError('reset refused: only a paper account can be reset');
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
}
