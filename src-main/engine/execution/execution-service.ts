import { RefusedError } from '../../../src-shared/contract/command-refusal';
import type { Database } from 'better-sqlite3';
import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../src-shared/domain/candle';
import type { EquitySample, FillView, OrderView } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { Ledger } from '../ledger/ledger';
import { moneyOf, moneyText, qtyOf } from '../ledger/money';
import type { Broker } from './broker';
import { Executor, type ExecutorOptions, type ReconcileReport } from './executor';
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

  /**
   * The replay jumped: the paper venue's market for `symbol` is its last bar at the new time
   * (or none), and the ledger marks it there.
   */
  repositionMarket(symbol: string, candle: Candle | null, timeframe: Timeframe): void {
    this.paper?.repositionMarket(symbol, candle);
    const price = this.paper?.lastPrice(symbol) ?? null;
    if (candle !== null && price !== null)
      this.ledger.markBar(
        this.broker.bookId,
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
    this.paper?.onQuote(symbol, quote);
  }

  /** Resets the paper account; refused in live mode or with open orders/positions; audited. */
  resetPaper(
    startingBalance: string,
    actor: string,
    reason: string,
    marginTrading?: boolean,
  ): { oldCash: string; newBalance: string; marginTrading: boolean } {
    if (this.paper === null)
      throw new RefusedError('reset refused: only a paper account can be reset');
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
}
