import type { Exchange } from 'ccxt';
import { createCcxtExchange } from '../../src-main/engine/market/ccxt-exchange';
import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import { sharedCandleFile } from './candle-data';
import { startLocalVenueRig, type LocalVenueRig } from './live-broker-core';
import { LocalBinanceServer } from './local-binance-server';
import type { LocalMarket } from './local-exchange-server';
import { ManualClock } from './manual-clock';

/** A key the local Binance knows, trade-only. */
export const LIVE_KEY = {
  apiKey: 'vigilLiveKey0001',
  secret: 'local-binance-secret-0001',
} as const;

/** 2018-06-18 05:00 UTC: inside the shared BTC/USDT and ETH/USDT 1m files. */
export const LIVE_T0 = Date.parse('2018-06-18T05:00:00Z');

/** BTC/USDT and ETH/USDT with their real 1m candles (the shared Binance files): the live rigs' markets. */
export async function liveMarkets(): Promise<LocalMarket[]> {
  const btc = await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1m.csv'));
  const eth = await loadCandleCsv(sharedCandleFile('binance_ETH-USDT_1m.csv'));
  return [
    { base: 'BTC', quote: 'USDT', candles: { '1m': btc.candles } },
    { base: 'ETH', quote: 'USDT', candles: { '1m': eth.candles } },
  ];
}

/** The local Binance with real 1m candles of BTC/USDT and ETH/USDT and a funded account. */
export async function startLocalBinance(clock: () => number): Promise<LocalBinanceServer> {
  const server = new LocalBinanceServer(await liveMarkets(), clock);
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

export type LiveRig = LocalVenueRig<LocalBinanceServer>;

/**
 * The live execution core against the local Binance through real ccxt: a CcxtBroker (with its
 * breaker and user stream), an Executor and a Ledger on an in-memory database.
 */
export async function startLiveRig(
  options: {
    userStream?: boolean;
    /**
     * ccxt's timeout for the test's own calls, set once the rig has started: the start's market
     * loads keep the default, so a loaded machine cannot time them out before the test begins.
     */
    callTimeoutMs?: number;
    clock?: ManualClock;
  } = {},
): Promise<LiveRig> {
  const clock = options.clock ?? new ManualClock(LIVE_T0);
  const server = await startLocalBinance(() => clock.now());
  const exchange = await liveBinanceClient(server.url);
  const rig = await startLocalVenueRig(server, {
    venue: 'binance',
    exchange,
    clock,
    symbols: ['BTC/USDT', 'ETH/USDT'],
    quote: 'USDT',
    cash: '10000',
    userStream: options.userStream ?? false,
  });
  if (options.callTimeoutMs !== undefined) exchange.timeout = options.callTimeoutMs;
  return rig;
}
