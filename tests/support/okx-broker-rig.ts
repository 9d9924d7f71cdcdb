import type { Exchange } from 'ccxt';
import { createCcxtExchange } from '../../src-main/engine/market/ccxt-exchange';
import { startLocalVenueRig, type LocalVenueRig } from './live-broker-core';
import { LIVE_T0, liveMarkets } from './live-broker-rig';
import { LocalOkxServer } from './local-okx-server';
import { ManualClock } from './manual-clock';
import type { SpotOrder } from './binance-spot-account';
import type { OkxAlgo } from './okx-trade-payloads';

/** A trade-only OKX key the local OKX knows: key, secret and the passphrase OKX keys have. */
export const OKX_LIVE_KEY = {
  apiKey: 'vigil-okx-key-0001',
  secret: 'local-okx-secret-0001',
  passphrase: 'Local-Pass-1',
} as const;

/**
 * The local OKX with real 1m candles of BTC/USDT and ETH/USDT (the shared Binance files: the
 * price path is real, the venue's dialect is OKX's) and an account funded with 10,000 USDT.
 */
export async function startLocalOkx(clock: () => number): Promise<LocalOkxServer> {
  const server = new LocalOkxServer(await liveMarkets(), clock);
  server.addApiKey(OKX_LIVE_KEY);
  server.account.spot.deposit('USDT', '10000');
  await server.start();
  return server;
}

/** A signed ccxt OKX client (ccxt pro) aimed at the local exchange. */
export async function liveOkxClient(url: string, timeoutMs = 3000): Promise<Exchange> {
  return createCcxtExchange('okx', {
    apiOrigin: url,
    websocket: true,
    timeoutMs,
    rateLimitMs: 1,
    credentials: {
      apiKey: OKX_LIVE_KEY.apiKey,
      secret: OKX_LIVE_KEY.secret,
      password: OKX_LIVE_KEY.passphrase,
    },
  });
}

export type OkxRig = LocalVenueRig<LocalOkxServer>;

/** The live execution core against the local OKX through real ccxt. */
export async function startOkxRig(
  options: {
    userStream?: boolean;
    /**
     * ccxt's timeout for the test's own calls, set once the rig has started: the start's market
     * loads keep the default, so a loaded machine cannot time them out before the test begins.
     */
    callTimeoutMs?: number;
    /** Turns the client's clock this far behind OKX's (signed timestamps). */
    clientLagMs?: number;
    /** Signs with another passphrase than the key's. */
    passphrase?: string;
  } = {},
): Promise<OkxRig> {
  const clock = new ManualClock(LIVE_T0);
  const server = await startLocalOkx(() => clock.now());
  const exchange = await liveOkxClient(server.url);
  // ccxt signs with milliseconds() - timeDifference (okx.nonce); the websocket login too.
  (exchange.options as Record<string, unknown>)['timeDifference'] = options.clientLagMs ?? 0;
  if (options.passphrase !== undefined) exchange.password = options.passphrase;
  try {
    const rig = await startLocalVenueRig(server, {
      venue: 'okx',
      exchange,
      clock,
      symbols: ['BTC/USDT', 'ETH/USDT'],
      quote: 'USDT',
      cash: '10000',
      userStream: options.userStream ?? false,
    });
    if (options.callTimeoutMs !== undefined) exchange.timeout = options.callTimeoutMs;
    return rig;
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * What a trader places on OKX's website (no clOrdId): a limit buy of 0.01 BTC at 6000 and a
 * conditional stop selling 0.5 BTC at 6000, as algo order.
 */
export function placeOnOkxWebsite(server: LocalOkxServer): {
  readonly order: SpotOrder;
  readonly stop: OkxAlgo;
} {
  const order = server.account.place({
    instId: 'BTC-USDT',
    side: 'buy',
    ordType: 'limit',
    sz: '0.01',
    px: '6000',
    clOrdId: '',
    tgtCcy: '',
  });
  const stop = server.account.placeAlgo({
    instId: 'BTC-USDT',
    side: 'sell',
    ordType: 'conditional',
    sz: '0.5',
    algoClOrdId: '',
    clOrdId: '',
    sl: { trigger: '6000', px: '-1' },
    tp: null,
  });
  return { order, stop };
}
