import type { Exchange } from 'ccxt';
import { AuditLog } from '../../src-main/engine/audit/audit-log';
import type { Clock } from '../../src-main/engine/clock';
import { CcxtBroker } from '../../src-main/engine/execution/live/ccxt-broker';
import { CircuitBreaker } from '../../src-main/engine/execution/live/circuit-breaker';
import { Executor } from '../../src-main/engine/execution/executor';
import { Ledger } from '../../src-main/engine/ledger/ledger';
import { createCcxtExchange } from '../../src-main/engine/market/ccxt-exchange';
import { capabilitiesOf } from '../../src-main/engine/market/exchanges/exchange-capabilities';
import { loadCcxt } from '../../src-main/engine/market/load-ccxt';
import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import { openVigilStore } from '../../src-main/engine/schema';
import type { Store } from '../../src-main/engine/store/open-store';
import { sharedCandleFile } from './candle-data';
import { LocalBinanceServer } from './local-binance-server';
import { ManualClock } from './manual-clock';

/** A key the local Binance knows, trade-only. */
export const LIVE_KEY = {
  apiKey: 'vigilLiveKey0001',
  secret: 'local-binance-secret-0001',
} as const;

/** 2018-06-18 05:00 UTC: inside the shared BTC/USDT and ETH/USDT 1m files. */
export const LIVE_T0 = Date.parse('2018-06-18T05:00:00Z');

/** The local Binance with real 1m candles of BTC/USDT and ETH/USDT and a funded account. */
export async function startLocalBinance(clock: () => number): Promise<LocalBinanceServer> {
  const btc = await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1m.csv'));
  const eth = await loadCandleCsv(sharedCandleFile('binance_ETH-USDT_1m.csv'));
  const server = new LocalBinanceServer(
    [
      { base: 'BTC', quote: 'USDT', candles: { '1m': btc.candles } },
      { base: 'ETH', quote: 'USDT', candles: { '1m': eth.candles } },
    ],
    clock,
  );
  server.addApiKey(LIVE_KEY);
  server.account.deposit('USDT', '10000');
  await server.start();
  return server;
}

/** A signed ccxt Binance client (ccxt pro) aimed at the local exchange. */
export async function liveBinanceClient(url: string, timeoutMs = 3000): Promise<Exchange> {
  return createCcxtExchange('binance', {
    apiOrigin: url,
    websocket: true,
    timeoutMs,
    rateLimitMs: 1,
    credentials: { apiKey: LIVE_KEY.apiKey, secret: LIVE_KEY.secret },
  });
}

export interface LiveRig {
  readonly server: LocalBinanceServer;
  readonly store: Store;
  readonly clock: ManualClock;
  readonly broker: CcxtBroker;
  readonly executor: Executor;
  readonly ledger: Ledger;
  readonly audit: AuditLog;
  readonly errors: unknown[];
  readonly trouble: string[];
  stop(): Promise<void>;
}

/**
 * The live execution core against the local Binance through real ccxt: a CcxtBroker (with its
 * breaker and user stream), an Executor and a Ledger on an in-memory database.
 */
export async function startLiveRig(
  options: { userStream?: boolean; timeoutMs?: number; clock?: ManualClock } = {},
): Promise<LiveRig> {
  const clock = options.clock ?? new ManualClock(LIVE_T0);
  const server = await startLocalBinance(() => clock.now());
  const store = openVigilStore(':memory:');
  const audit = new AuditLog(store.db, clock as Clock);
  const ledger = new Ledger(store.db);
  const errors: unknown[] = [];
  const trouble: string[] = [];
  const caps = capabilitiesOf('binance').trading;
  if (caps === null) throw new Error('binance has no live trading capabilities');
  const exchange = await liveBinanceClient(server.url, options.timeoutMs);
  const breaker = new CircuitBreaker(clock, () => ({ failures: 5, openMs: 30_000, closeAfter: 2 }));
  // Set once the executor exists: a recovered stream asks it to reconcile by REST.
  let reconcile: () => void = () => {};
  const broker = new CcxtBroker({
    venue: 'binance',
    exchange,
    ccxt: await loadCcxt(),
    caps: { ...caps, userStream: options.userStream ?? false },
    db: store.db,
    clock,
    breaker,
    symbols: ['BTC/USDT', 'ETH/USDT'],
    book: () => ledger.positions('live:binance').map((p) => ({ symbol: p.symbol, qty: p.qty })),
    onVenueTrouble: (reason) => trouble.push(reason),
    onStreamRecovered: () => reconcile(),
    onError: (e) => errors.push(e),
    sleep: () => Promise.resolve(),
    random: () => 0.5,
  });
  await broker.start();
  ledger.ensureBook('live:binance', 'USDT', '10000', clock.now());
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
    executor.reconcile('system:stream-recovered').catch((e: unknown) => errors.push(e));
  };
  return {
    server,
    store,
    clock,
    broker,
    executor,
    ledger,
    audit,
    errors,
    trouble,
    stop: async () => {
      executor.stop();
      await broker.stop();
      await server.stop();
      store.close();
    },
  };
}
