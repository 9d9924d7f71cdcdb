import type { Database } from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import type { BookMarkPublisher } from '../book-valuation';
import type { Clock } from '../clock';
import type { EventBus } from '../event-bus';
import { ExecutionService } from '../execution/execution-service';
import type { Journal } from '../journal/journal';
import type { MarketService } from '../market/market-service';
import { feedSlippage, latestQuote } from '../risk/panic/panic-feeds';
import { riskOrderGate, type RiskOrderGateDeps } from '../risk/risk-order-gate';
import type { RiskSystem } from '../risk/risk-system';

export interface PaperExecutionDeps {
  readonly db: Database;
  /**
   * The paper venue lives on market time: in a replay its orders and fills carry the replayed
   * bars' times, so a fill is never matched against a bar from "before" the order.
   */
  readonly marketClock: Clock;
  readonly audit: AuditLog;
  readonly events: EventBus;
  readonly market: MarketService;
  readonly risk: RiskSystem;
  readonly gateDeps: RiskOrderGateDeps;
  readonly startingBalance: string;
  /** Whether bars will come (a configured market plays them); else the driver pushes them. */
  readonly barsComing: () => boolean;
  /**
   * Late-bound: the publisher and the journal read the execution service, so they are built
   * after it; the venue's events reach them only once orders flow.
   */
  readonly bookMarks: () => BookMarkPublisher;
  readonly journal: () => Journal;
  readonly onError: (error: unknown) => void;
}

/**
 * The paper book's orders, venue and ledger, its events fanned out to the cockpit, the book's
 * valuation, the journal, the slippage panic and the equity limits.
 */
export function composePaperExecution(deps: PaperExecutionDeps): ExecutionService {
  const { events, risk, onError } = deps;
  const execution: ExecutionService = ExecutionService.paper({
    db: deps.db,
    clock: deps.marketClock,
    audit: deps.audit,
    paper: { startingBalance: deps.startingBalance, barsComing: deps.barsComing },
    events: {
      orderUpdated: (o) => {
        events.publish('orderUpdated', o);
        // Working entries count in the heat: an order change can move the gauges.
        deps.bookMarks().changed();
      },
      // An order recorded as never placed that the venue took in after all: every window says so.
      orderArrivedLate: (o) => events.publish('orderArrivedLate', o),
      fillRecorded: (f) => {
        events.publish('fillRecorded', f);
        // An entry keeps the signal it was taken on; a close puts a trade in the journal.
        try {
          deps.journal().onFill(f);
        } catch (error) {
          onError(error);
        }
        // Fill price against the price the order expected: the slippage panic.
        feedSlippage(
          {
            panic: risk.panic,
            orderOf: (fill) =>
              execution.book(fill.bookId)?.executor.orders.byClientId(fill.clientOrderId),
            quote: (symbol) => latestQuote(deps.market, symbol),
            onError,
          },
          f,
        );
      },
      equitySampled: (s) => {
        events.publish('equitySampled', s);
        // Every mark-to-market and fill samples equity: the book's valuation follows it.
        deps.bookMarks().changed();
        // Equity at mark drives the daily-loss and drawdown limits (halt / REDUCING): the
        // active book's, never a sum of paper and live money.
        if (s.bookId !== execution.activeBookId) return;
        try {
          risk.guard.observeEquity(Number(s.equity));
        } catch (error) {
          onError(error);
        }
      },
      // The venue's last trade moved a held position's mark: the valuation follows it.
      markObserved: () => deps.bookMarks().changed(),
      error: onError,
    },
    executor: {
      // Every order from any source passes the risk gate, synchronously, before its intent.
      gate: riskOrderGate(deps.gateDeps),
    },
  });
  return execution;
}
