import type { Exchange } from 'ccxt';
import { AuditLog } from '../../src-main/engine/audit/audit-log';
import type { Clock } from '../../src-main/engine/clock';
import type { BookId } from '../../src-shared/domain/order';
import { CcxtBroker } from '../../src-main/engine/execution/live/ccxt-broker';
import { CircuitBreaker } from '../../src-main/engine/execution/live/circuit-breaker';
import { Executor } from '../../src-main/engine/execution/executor';
import { Ledger } from '../../src-main/engine/ledger/ledger';
import { capabilitiesOf } from '../../src-main/engine/market/exchanges/exchange-capabilities';
import { loadCcxt } from '../../src-main/engine/market/load-ccxt';
import { openVigilStore } from '../../src-main/engine/schema';
import type { Store } from '../../src-main/engine/store/open-store';
import type { ManualClock } from './manual-clock';

/** The live execution core of one venue, on an in-memory database. */
export interface LiveBrokerCore {
  readonly store: Store;
  readonly broker: CcxtBroker;
  readonly executor: Executor;
  readonly ledger: Ledger;
  readonly audit: AuditLog;
  readonly errors: unknown[];
  readonly trouble: string[];
  stop(): Promise<void>;
}

/**
 * A CcxtBroker (its breaker: 5 failures, 30 s open, 2 to close; its user stream when asked),
 * an Executor and a Ledger with the live book opened at `cash` of the quote, through a signed
 * ccxt client the caller aimed at a local exchange. A recovered or unresolved user stream asks
 * the executor to reconcile by REST, as the live book does.
 */
export async function startLiveBrokerCore(options: {
  readonly venue: string;
  readonly exchange: Exchange;
  readonly clock: ManualClock;
  readonly symbols: readonly string[];
  readonly quote: string;
  readonly cash: string;
  readonly userStream: boolean;
}): Promise<LiveBrokerCore> {
  const { clock, venue } = options;
  const bookId = `live:${venue}` as BookId;
  const store = openVigilStore(':memory:');
  const audit = new AuditLog(store.db, clock as Clock);
  const ledger = new Ledger(store.db);
  const errors: unknown[] = [];
  const trouble: string[] = [];
  const caps = capabilitiesOf(venue).trading;
  if (caps === null) throw new Error(`${venue} has no live trading capabilities`);
  const breaker = new CircuitBreaker(clock, () => ({ failures: 5, openMs: 30_000, closeAfter: 2 }));
  // Set once the executor exists: the stream asks it to reconcile by REST.
  let reconcile: () => void = () => {};
  const broker = new CcxtBroker({
    venue,
    exchange: options.exchange,
    ccxt: await loadCcxt(),
    caps: { ...caps, userStream: options.userStream },
    db: store.db,
    clock,
    breaker,
    symbols: options.symbols,
    book: () => ledger.positions(bookId).map((p) => ({ symbol: p.symbol, qty: p.qty })),
    onVenueTrouble: (reason) => trouble.push(reason),
    onStreamRecovered: () => reconcile(),
    onStreamUnresolved: () => reconcile(),
    onError: (e) => errors.push(e),
    sleep: () => Promise.resolve(),
    random: () => 0.5,
  });
  await broker.start();
  ledger.ensureBook(bookId, options.quote, options.cash, clock.now());
  const executor = new Executor({
    db: store.db,
    clock,
    audit,
    broker,
    ledger,
    sleep: () => Promise.resolve(),
    random: () => 0.5,
  });
  executor.observe({ error: (e) => errors.push(e) });
  executor.start();
  reconcile = () => {
    executor.reconcile('system:stream').catch((e: unknown) => errors.push(e));
  };
  return {
    store,
    broker,
    executor,
    ledger,
    audit,
    errors,
    trouble,
    stop: async () => {
      executor.stop();
      await broker.stop();
      store.close();
    },
  };
}

/** A local exchange with the live core trading on it; stopping stops both. */
export type LocalVenueRig<S> = LiveBrokerCore & { readonly server: S; readonly clock: ManualClock };

/** The live core on a local exchange that is already running. */
export async function startLocalVenueRig<S extends { stop(): Promise<void> }>(
  server: S,
  options: Parameters<typeof startLiveBrokerCore>[0],
): Promise<LocalVenueRig<S>> {
  const core = await startLiveBrokerCore(options);
  return {
    ...core,
    server,
    clock: options.clock,
    stop: async () => {
      await core.stop();
      await server.stop();
    },
  };
}
