import type { EventEnvelope } from '../../src-shared/contract/events';
import { TIMEFRAME_MS, type Timeframe } from '../../src-shared/domain/candle';
import { EventBus } from '../../src-main/engine/event-bus';
import { AuditLog } from '../../src-main/engine/audit/audit-log';
import { CcxtBroker } from '../../src-main/engine/execution/live/ccxt-broker';
import { CircuitBreaker } from '../../src-main/engine/execution/live/circuit-breaker';
import { Executor } from '../../src-main/engine/execution/executor';
import { executionKillVenue } from '../../src-main/engine/kill/execution-kill-venue';
import { Ledger } from '../../src-main/engine/ledger/ledger';
import { capabilitiesOf } from '../../src-main/engine/market/exchanges/exchange-capabilities';
import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import { loadCcxt } from '../../src-main/engine/market/load-ccxt';
import { RiskSystem } from '../../src-main/engine/risk/risk-system';
import { openVigilStore } from '../../src-main/engine/schema';
import { Settings } from '../../src-main/engine/settings';
import type { Store } from '../../src-main/engine/store/open-store';
import { sharedCandleFile } from './candle-data';
import { LIVE_KEY, LIVE_T0, liveBinanceClient } from './live-broker-rig';
import { LocalBinanceServer } from './local-binance-server';
import { shiftToNow, type LocalMarket } from './local-exchange-server';
import { ManualClock } from './manual-clock';

/**
 * Ten real markets for the live kill: each one's own real candles (Binance, Bittrex and
 * Bitstamp files), the series that do not cover June 2018 moved in time by whole
 * candles so one is trading at the test's clock (real data played as if then).
 */
const MARKET_FILES: ReadonlyArray<readonly [string, string, string, Timeframe]> = [
  ['BTC', 'USDT', 'binance_BTC-USDT_1m.csv', '1m'],
  ['ETH', 'USDT', 'binance_ETH-USDT_1m.csv', '1m'],
  ['ADA', 'USDT', 'binance_ADA-USDT_1h.csv', '1h'],
  ['BNB', 'USDT', 'binance_BNB-USDT_4h.csv', '4h'],
  ['ETH', 'BTC', 'binance_ETH-BTC_1m.csv', '1m'],
  ['LTC', 'BTC', 'bittrex_LTC-BTC_1m.csv', '1m'],
  ['ETC', 'BTC', 'bittrex_ETC-BTC_1m.csv', '1m'],
  ['DASH', 'BTC', 'bittrex_DASH-BTC_1m.csv', '1m'],
  ['BTC', 'USD', 'bitstamp_BTC-USD_1d.csv', '1d'],
  ['LTC', 'USD', 'bitstamp_LTC-USD_1d.csv', '1d'],
];

export interface LiveKillRig {
  readonly server: LocalBinanceServer;
  readonly store: Store;
  readonly clock: ManualClock;
  readonly broker: CcxtBroker;
  readonly executor: Executor;
  readonly ledger: Ledger;
  readonly risk: RiskSystem;
  /** Every event the risk system published (the kill's progress and state), in order. */
  readonly events: readonly EventEnvelope[];
  readonly symbols: readonly string[];
  stop(): Promise<void>;
}

/**
 * The risk system with one live venue's kill port (the executor's), as the engine composes it:
 * the kill latches, cancels everything at the venue and verifies it clean.
 */
export function liveKillSwitch(
  store: Store,
  audit: AuditLog,
  clock: ManualClock,
  broker: CcxtBroker,
  executor: Executor,
  /** The kill's wait between passes; instant by default. */
  sleep: (ms: number) => Promise<void> = () => Promise.resolve(),
  /** Every event the risk system publishes (what the windows receive), in order. */
  published?: EventEnvelope[],
): RiskSystem {
  const events = new EventBus((e) => {
    throw e;
  });
  if (published !== undefined) events.subscribe((e) => published.push(e));
  return new RiskSystem({
    settings: new Settings(store.db),
    audit,
    events,
    clock,
    venues: [executionKillVenue({ broker, executor })],
    sleep,
    timeZone: 'UTC',
    atomically: (fn) => store.db.transaction(fn)(),
    onError: () => {},
  });
}

export async function startLiveKillRig(
  options: {
    readonly userStream?: boolean;
    /** ccxt's timeout for the test's own calls, set once the markets are loaded. */
    readonly callTimeoutMs?: number;
    /** The kill's waits between passes move the test's clock (instantly) by their length. */
    readonly killWaitsOnClock?: boolean;
  } = {},
): Promise<LiveKillRig> {
  const clock = new ManualClock(LIVE_T0);
  const markets: LocalMarket[] = [];
  for (const [base, quote, file, tf] of MARKET_FILES) {
    const { candles } = await loadCandleCsv(sharedCandleFile(file));
    const first = candles[0];
    const covers =
      first !== undefined &&
      first.openTime <= LIVE_T0 &&
      (candles.at(-1)?.openTime ?? 0) >= LIVE_T0;
    markets.push({
      base,
      quote,
      candles: { [tf]: covers ? candles : shiftToNow(candles, TIMEFRAME_MS[tf], 0, LIVE_T0) },
    });
  }
  const server = new LocalBinanceServer(markets, () => clock.now());
  server.addApiKey(LIVE_KEY);
  server.account.deposit('USDT', '100000');
  server.account.deposit('BTC', '10');
  server.account.deposit('USD', '100000');
  for (const m of markets) server.account.deposit(m.base, '100000');
  await server.start();
  const store = openVigilStore(':memory:');
  const audit = new AuditLog(store.db, clock);
  const ledger = new Ledger(store.db);
  const caps = capabilitiesOf('binance').trading;
  if (caps === null) throw new Error('binance has no live trading capabilities');
  const symbols = markets.map((m) => `${m.base}/${m.quote}`);
  const exchange = await liveBinanceClient(server.url);
  const broker = new CcxtBroker({
    venue: 'binance',
    exchange,
    ccxt: await loadCcxt(),
    caps: { ...caps, userStream: options.userStream ?? false },
    db: store.db,
    clock,
    breaker: new CircuitBreaker(clock, () => ({ failures: 5, openMs: 30_000, closeAfter: 2 })),
    symbols,
    // What the live book holds, as the engine composes it: the kill's flatten sells that.
    book: () => ledger.positions('live:binance').map((p) => ({ symbol: p.symbol, qty: p.qty })),
    onError: (e) => {
      throw e;
    },
    sleep: () => Promise.resolve(),
    random: () => 0.5,
  });
  await broker.start();
  if (options.callTimeoutMs !== undefined) exchange.timeout = options.callTimeoutMs;
  ledger.ensureBook('live:binance', 'USDT', '100000', clock.now());
  const executor = new Executor({ db: store.db, clock, audit, broker, ledger });
  executor.start();
  const sleep =
    options.killWaitsOnClock === true
      ? (ms: number): Promise<void> => {
          clock.advance(ms);
          return Promise.resolve();
        }
      : undefined;
  const events: EventEnvelope[] = [];
  const risk = liveKillSwitch(store, audit, clock, broker, executor, sleep, events);
  return {
    server,
    store,
    clock,
    broker,
    executor,
    ledger,
    risk,
    events,
    symbols,
    stop: async () => {
      risk.kill.stop();
      executor.stop();
      await broker.stop();
      await server.stop();
      store.close();
    },
  };
}

/** A price on the market's tick grid, `factor` away from its current mid. */
export function priceAt(rig: LiveKillRig, symbol: string, factor: number): string {
  const [base, quote] = symbol.split('/') as [string, string];
  const q = rig.server.quoteUnits(`${base}${quote}`);
  if (q === undefined) throw new Error(`no quote for ${symbol}`);
  const mid = Number(q.bid + q.ask) / 2 / 1e8;
  const tick = rig.broker.markets().find((m) => m.symbol === symbol)?.tickSize ?? '0.00000001';
  const t = Number(tick);
  const places = tick.includes('.') ? (tick.split('.')[1] ?? '').length : 0;
  return (Math.round((mid * factor) / t) * t).toFixed(places);
}

/** Twice the market's minimum order value, in base units on the step grid. */
export function qtyFor(rig: LiveKillRig, symbol: string, price: string): string {
  const spec = rig.broker.markets().find((m) => m.symbol === symbol);
  if (spec === undefined) throw new Error(`no market ${symbol}`);
  const step = Number(spec.stepSize);
  const places = spec.stepSize.includes('.') ? (spec.stepSize.split('.')[1] ?? '').length : 0;
  return (Math.ceil((2 * Number(spec.minNotional)) / Number(price) / step) * step).toFixed(places);
}

/**
 * 100 resting orders over the ten markets, ten each: six limit buys under the market, two
 * take-profit limit sells over it and two protective stops (stop-market sells, which rest at
 * Binance as STOP_LOSS_LIMIT) under it.
 */
export async function placeHundredOrders(rig: LiveKillRig): Promise<void> {
  for (const symbol of rig.symbols) {
    const shapes = [
      ...[0.9, 0.91, 0.92, 0.93, 0.94, 0.95].map(
        (f) => ({ side: 'buy', type: 'limit', f }) as const,
      ),
      ...[1.06, 1.08].map((f) => ({ side: 'sell', type: 'limit', f }) as const),
      ...[0.85, 0.86].map((f) => ({ side: 'sell', type: 'stop-market', f }) as const),
    ];
    for (const s of shapes) {
      const price = priceAt(rig, symbol, s.f);
      const qty = qtyFor(rig, symbol, price);
      const order = await rig.executor.place(
        s.type === 'limit'
          ? { symbol, side: s.side, type: 'limit', qty, price }
          : { symbol, side: s.side, type: 'stop-market', qty, stopPrice: price },
        'user:test',
      );
      if (order.state !== 'OPEN')
        throw new Error(
          `${symbol} ${s.type} ${s.side} ${qty}@${price}: ${order.state} ${order.reason ?? ''}`,
        );
    }
  }
}

/** Open orders at the venue, by the exchange's own count. */
export function venueOpenOrders(rig: LiveKillRig): number {
  return rig.server.account.open().length;
}

/** A market buy of twice the market's minimum order value, filled at the exchange. */
export async function buyAtMarket(rig: LiveKillRig, symbol: string): Promise<void> {
  const qty = qtyFor(rig, symbol, priceAt(rig, symbol, 1));
  const order = await rig.executor.place({ symbol, side: 'buy', type: 'market', qty }, 'user:test');
  // No user stream in this rig: the fill is booked when the executor asks the exchange.
  await rig.executor.reconcile('test');
  const state = rig.executor.view(order.clientOrderId).state;
  if (state !== 'FILLED') throw new Error(`${symbol} market buy ${qty}: ${state}`);
}

/**
 * Places a market buy with a bracket (stop-loss `stopFactor` and take-profit `targetFactor`
 * away from the mid); its fill is booked, and its exits sent, at the executor's next look.
 */
export async function placeBracketBuy(
  rig: LiveKillRig,
  symbol: string,
  stopFactor: number,
  targetFactor: number,
): Promise<string> {
  const qty = qtyFor(rig, symbol, priceAt(rig, symbol, 1));
  const order = await rig.executor.place(
    {
      symbol,
      side: 'buy',
      type: 'market',
      qty,
      bracket: {
        stopLoss: priceAt(rig, symbol, stopFactor),
        takeProfit: priceAt(rig, symbol, targetFactor),
      },
    },
    'user:test',
  );
  if (order.state === 'REJECTED') throw new Error(`${symbol} bracket buy: ${order.reason ?? ''}`);
  return order.clientOrderId;
}
