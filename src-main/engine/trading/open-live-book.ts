import type { Database } from 'better-sqlite3';
import type { ConnectionConfig } from '../../../src-shared/domain/connection';
import type { BookId } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { Clock, Scheduler } from '../clock';
import type { ExecutionService } from '../execution/execution-service';
import { CcxtBroker } from '../execution/live/ccxt-broker';
import { CircuitBreaker } from '../execution/live/circuit-breaker';
import { LiveBook } from '../execution/live/live-book';
import { executionKillVenue } from '../kill/execution-kill-venue';
import { createCcxtExchange } from '../market/ccxt-exchange';
import { capabilitiesOf } from '../market/exchanges/exchange-capabilities';
import { loadCcxt } from '../market/load-ccxt';
import type { ExchangeKeys } from '../secrets/exchange-keys';
import type { RiskSystem } from '../risk/risk-system';

export interface OpenLiveBookDeps {
  readonly execution: ExecutionService;
  readonly risk: RiskSystem;
  readonly keys: ExchangeKeys;
  readonly audit: AuditLog;
  readonly db: Database;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly onError: (error: unknown) => void;
  /** Told when a live book's state changed (breaker, stream, foreign orders). */
  readonly onChange: () => void;
  readonly tuning?: LiveTradingTuning;
}

/** How live books run; the defaults suit a real exchange, tests shorten them. */
export interface LiveTradingTuning {
  readonly timeoutMs?: number;
  readonly reconcileMs?: number;
  /** Waits between retries (rate limits, the user stream's reconnects). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Builds a connection's live book: a signed ccxt client with the key from the keychain, the
 * venue's circuit breaker (figures from the risk configuration, feeding the error-cascade
 * panic), the CcxtBroker (markets loaded), its executor and book; registers the book with the
 * execution core (ledger book opened at the venue's quote balance) and the kill switch, and
 * runs the first reconciliation. Refuses an exchange the live broker does not trade on.
 */
export async function openLiveBook(
  deps: OpenLiveBookDeps,
  connection: ConnectionConfig,
): Promise<LiveBook> {
  const caps = capabilitiesOf(connection.exchange);
  if (caps.trading === null) {
    throw new Error(`Vigil's live broker does not trade on ${caps.label} yet (Binance spot only)`);
  }
  const quotes = [...new Set(connection.symbols.map((s) => s.split('/')[1] ?? ''))];
  if (quotes.length !== 1) {
    throw new Error(
      `a live book keeps one quote asset; '${connection.name}' watches markets quoted in ${quotes.join(', ')}`,
    );
  }
  const quoteAsset = quotes[0] as string;
  const credentials = await deps.keys.credentials(connection.name);
  const exchange = await createCcxtExchange(connection.exchange, {
    apiOrigin: connection.apiOrigin ?? undefined,
    credentials,
    websocket: caps.trading.userStream,
    timeoutMs: deps.tuning?.timeoutMs ?? 10_000,
  });
  const { clock, risk } = deps;
  const breaker = new CircuitBreaker(clock, () => {
    const p = risk.config.current.panic;
    return {
      failures: p.breakerFailures,
      openMs: p.breakerOpenSec * 1000,
      closeAfter: p.breakerCloseAfter,
    };
  });
  const bookId = `live:${connection.exchange}` as BookId;
  // The book exists once the broker is built; the stream may recover before that (no-op).
  const bookRef: { current: LiveBook | undefined } = { current: undefined };
  const broker = new CcxtBroker({
    venue: connection.exchange,
    exchange,
    ccxt: await loadCcxt(),
    caps: caps.trading,
    db: deps.db,
    clock,
    breaker,
    symbols: connection.symbols,
    book: () =>
      deps.execution.ledger.positions(bookId).map((p) => ({ symbol: p.symbol, qty: p.qty })),
    // The venue's failures are the error-cascade panic's input.
    onVenueTrouble: () => risk.panic.venueError(connection.exchange, clock.now()),
    onStreamRecovered: () => bookRef.current?.reconcileSoon(),
    onError: deps.onError,
    ...(deps.tuning?.sleep === undefined ? {} : { sleep: deps.tuning.sleep }),
  });
  breaker.onChange(() => deps.onChange());
  await broker.start();
  const balances = await broker.balances();
  const cash = balances.find((b) => b.asset === quoteAsset)?.total ?? '0';
  const executor = deps.execution.executorFor(broker, clock);
  const book = new LiveBook({
    db: deps.db,
    audit: deps.audit,
    clock,
    scheduler: deps.scheduler,
    broker,
    executor,
    reconcileMs: deps.tuning?.reconcileMs ?? 10_000,
    onError: deps.onError,
    onForeignOrders: () => deps.onChange(),
  });
  bookRef.current = book;
  deps.execution.addBook(book, quoteAsset, cash);
  risk.addVenue(executionKillVenue(book));
  deps.audit.append({
    kind: 'live.book_opened',
    actor: 'system:trading',
    payload: { connection: connection.name, venue: connection.exchange, bookId, quoteAsset, cash },
  });
  await book.start();
  return book;
}
