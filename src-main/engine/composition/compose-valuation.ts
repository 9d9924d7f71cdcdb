import type { BookId } from '../../../src-shared/domain/order';
import type { Clock } from '../clock';
import type { ExecutionService } from '../execution/execution-service';
import { floatRate } from '../ledger/conversion';
import type { MarketService } from '../market/market-service';
import { latestQuote } from '../risk/panic/panic-feeds';
import { ledgerBookSnapshot } from '../risk/ledger-book';
import type { RiskOrderGateDeps } from '../risk/risk-order-gate';
import type { BookSnapshot } from '../risk/risk-guard';
import type { RiskSystem } from '../risk/risk-system';

export interface ValuationDeps {
  readonly market: MarketService;
  readonly risk: RiskSystem;
  /**
   * Late-bound: the executor's gate is built from this valuation, so the execution service
   * exists only after it; every read below happens once orders flow, never while composing.
   */
  readonly execution: () => ExecutionService;
  /** Market time: the clock the fills (and so the last loss) carry. */
  readonly marketClock: Clock;
}

export interface Valuation {
  /** The mark: the live mid where an exchange quotes the symbol, else the last bar's close. */
  readonly mark: (symbol: string) => number | null;
  /** A quote currency in the active book's own, through the markets that link them. */
  readonly rate: (asset: string) => number | null;
  /** A book valued at mark (the active one by default): what the gate and the gauges see. */
  readonly bookSnapshot: (bookId?: BookId, excluding?: string) => BookSnapshot;
  /** What the risk gate (and the plans' dry run of it) values orders with. */
  readonly gateDeps: RiskOrderGateDeps;
}

/** Marks, conversion rates and book snapshots: one valuation the gate, plans and gauges share. */
export function composeValuation(deps: ValuationDeps): Valuation {
  const { market, risk, execution, marketClock } = deps;
  const mark = (symbol: string): number | null => {
    const quote = latestQuote(market, symbol);
    if (quote !== undefined) return (quote.bid + quote.ask) / 2;
    const last = execution().paper.lastPrice(symbol);
    return last === null ? null : Number(last);
  };
  // A quote currency in the book's own, through the markets that link them (BTC via BTC/USDT).
  const rate = (asset: string): number | null => {
    const exec = execution();
    const marks = new Map<string, number>();
    for (const m of exec.broker.markets()) {
      const value = mark(m.symbol);
      if (value !== null) marks.set(m.symbol, value);
    }
    return floatRate(asset, exec.ledger.book(exec.broker.bookId)?.quoteAsset ?? '', marks);
  };
  const bookSnapshot = (
    bookId: BookId = execution().activeBookId,
    excluding?: string,
  ): BookSnapshot =>
    ledgerBookSnapshot({
      ledger: execution().ledger,
      bookId,
      openOrders: () =>
        execution()
          .executor.orders.list(bookId, true, 10_000)
          .filter((o) => o.client_order_id !== excluding),
      mark,
      rate,
      now: marketClock.now,
      lookbackMs: () => risk.config.current.lossCooldownMin * 60_000,
    });
  const gateDeps: RiskOrderGateDeps = {
    guard: risk.guard,
    mark,
    rate,
    book: (bookId, excluding) => bookSnapshot(bookId, excluding),
  };
  return { mark, rate, bookSnapshot, gateDeps };
}
