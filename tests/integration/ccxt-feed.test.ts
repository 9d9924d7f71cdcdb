import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../src-shared/domain/candle';
import type { BarClosed, FeedStatus } from '../../src-shared/domain/market';
import { CandleStore } from '../../src-main/engine/market/candle-store';
import { createCcxtExchange } from '../../src-main/engine/market/ccxt-exchange';
import { CcxtFeed } from '../../src-main/engine/market/ccxt-feed';
import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import type { Store } from '../../src-main/engine/store/open-store';
import { openVigilStore } from '../../src-main/engine/schema';
import { sharedCandleFile } from '../support/candle-data';
import { LocalBinanceServer } from '../support/local-binance-server';
import { ManualClock } from '../support/manual-clock';

// Real ccxt (its binance class, request building, error mapping and parsing) against a local
// Binance-shaped REST server on 127.0.0.1, serving the shared Binance 1m candles. No internet.

let btc: Candle[];
let eth: Candle[];
beforeAll(async () => {
  btc = (await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1m.csv'))).candles;
  eth = (await loadCandleCsv(sharedCandleFile('binance_ETH-USDT_1m.csv'))).candles;
});

const START = Date.parse('2018-06-18T12:00:30Z');
/** ccxt's timeout for a request the server leaves hanging: the fault under test. */
const HANG_TIMEOUT_MS = 250;
/** Every other request: ccxt's own default, so no healthy answer races a wall-clock timer. */
const ANSWERED_TIMEOUT_MS = 10_000;
const M1 = 60_000;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Rig {
  clock: ManualClock;
  server: LocalBinanceServer;
  feed: CcxtFeed;
  store: Store;
  bars: BarClosed[];
  statuses: FeedStatus[];
  /** Moves the clock in 1 s steps, letting the feed finish its work after each. */
  advance: (ms: number) => Promise<void>;
}

async function rig(
  options: {
    store?: Store;
    clock?: ManualClock;
    server?: LocalBinanceServer;
  } = {},
): Promise<Rig> {
  const clock = options.clock ?? new ManualClock(START);
  const server =
    options.server ??
    new LocalBinanceServer(
      [
        { base: 'BTC', quote: 'USDT', candles: { '1m': btc } },
        { base: 'ETH', quote: 'USDT', candles: { '1m': eth } },
      ],
      () => clock.now(),
    );
  if (options.server === undefined) {
    await server.start();
    cleanups.push(() => server.stop());
  }
  const store = options.store ?? openVigilStore(':memory:');
  if (options.store === undefined) cleanups.push(() => store.close());
  const exchange = await createCcxtExchange('binance', {
    apiOrigin: server.url,
    timeoutMs: ANSWERED_TIMEOUT_MS,
    rateLimitMs: 1,
  });
  // ccxt's timeout is a wall-clock timer armed per request from `exchange.timeout`; the feed
  // sends one request at a time. Only the request the server will leave hanging is armed
  // short, so on a loaded machine a slow healthy answer can never count as a timeout.
  const send = exchange.fetch.bind(exchange);
  exchange.fetch = (url: string, method = 'GET', headers?: unknown, body?: unknown) => {
    const hangs = server.faultFor(new URL(url).pathname, method)?.kind === 'hang';
    exchange.timeout = hangs ? HANG_TIMEOUT_MS : ANSWERED_TIMEOUT_MS;
    return send(url, method, headers, body);
  };
  const feed = new CcxtFeed({
    exchangeId: 'binance',
    exchange,
    subscriptions: [
      { symbol: 'BTC/USDT', timeframe: '1m' },
      { symbol: 'ETH/USDT', timeframe: '1m' },
    ],
    backfill: 150,
    pageLimit: 100,
    store: new CandleStore(store.db),
    clock,
    scheduler: clock,
    closeDelayMs: 2000,
    tickerIntervalMs: 10_000,
    staleAfterMs: 30_000,
    backoffBaseMs: 1000,
    backoffMaxMs: 8000,
    banBackoffMs: 20_000,
    random: () => 0.5,
    onError: (e) => {
      throw e;
    },
  });
  cleanups.push(() => feed.stop());
  const bars: BarClosed[] = [];
  const statuses: FeedStatus[] = [];
  feed.onBar((b) => bars.push(b));
  feed.onStatus((s) => statuses.push(s));
  const advance = async (ms: number): Promise<void> => {
    for (let t = 0; t < ms; t += 1000) {
      clock.advance(Math.min(1000, ms - t));
      await feed.settled();
    }
  };
  return { clock, server, feed, store, bars, statuses, advance };
}

const fileCandle = (series: Candle[], openTime: number): Candle | undefined =>
  series.find((c) => c.openTime === openTime);

describe('CcxtFeed against a local Binance', () => {
  it('loads spot markets only, backfills with paginated fetchOHLCV, then emits each close', async () => {
    const { feed, server, bars, statuses, advance } = await rig();
    await feed.start();
    await feed.settled();
    expect(feed.status()).toMatchObject({ state: 'LIVE', feed: 'ccxt:binance' });
    // Only the spot exchangeInfo: no futures (fapi/dapi) or options (eapi) market loads.
    expect(server.requests.every((r) => r.path.startsWith('/api/v3/'))).toBe(true);
    expect(server.calls('/exchangeInfo')).toHaveLength(1);
    expect(server.calls('/klines')).toHaveLength(4); // 150 candles in pages of 100, per symbol
    const key = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' } as const;
    const window = feed.candles(key, { limit: 1000 });
    expect(window.candles).toHaveLength(150);
    expect(window.gaps).toEqual([]);
    // ccxt's parsing of Binance's string numbers gives back exactly the file's candles.
    const last = Date.parse('2018-06-18T11:59:00Z');
    expect(window.candles.at(-1)).toEqual(fileCandle(btc, last));
    expect(window.candles[0]).toEqual(fileCandle(btc, last - 149 * M1));
    expect(bars).toEqual([]); // backfill is history, not bar closes

    await advance(60_000); // 12:01:30: the 12:00 candle closed at 12:01:00
    expect(bars.map((b) => [b.symbol, b.candle.openTime])).toEqual([
      ['BTC/USDT', Date.parse('2018-06-18T12:00:00Z')],
      ['ETH/USDT', Date.parse('2018-06-18T12:00:00Z')],
    ]);
    expect(bars[0]).toMatchObject({
      complete: true,
      gapBefore: 0,
      source: 'live',
      timeframe: '1m',
    });
    expect(bars[0]?.candle).toEqual(fileCandle(btc, Date.parse('2018-06-18T12:00:00Z')));
    expect(feed.ticker('BTC/USDT')?.price).toBe(
      fileCandle(btc, Date.parse('2018-06-18T12:01:00Z'))?.close,
    );
    expect(feed.lastUpdateAgeMs()).toBeLessThan(30_000);
    expect(statuses.map((s) => s.state)).toEqual([
      'CONNECTING',
      'CONNECTING',
      'CONNECTING',
      'LIVE',
    ]);
  });

  it('rides out 429, 5xx, malformed JSON, a timeout and a dropped connection, losing no candle', async () => {
    const { feed, server, bars, statuses, advance } = await rig();
    await feed.start();
    await feed.settled();
    const seen = statuses.length;
    const faults = [
      { kind: 'status', status: 429 },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
      { kind: 'malformed-json' },
      { kind: 'hang' },
      { kind: 'drop' },
    ] as const;
    for (const fault of faults) {
      server.fail('/klines', fault);
      await advance(60_000);
    }
    expect(server.pendingFaults()).toBe(0);
    const transitions = statuses
      .slice(seen)
      .map((s) => `${s.state}: ${s.reason.replace(/: binance.*(; retry \d+ in \d+ ms)$/, ':$1')}`);
    expect(transitions).toEqual([
      'CONNECTING: reconnecting after rate limited (429):; retry 1 in 750 ms',
      'LIVE: polling 2 series over REST',
      'CONNECTING: reconnecting after exchange unavailable:; retry 1 in 750 ms',
      'LIVE: polling 2 series over REST',
      'CONNECTING: reconnecting after exchange unavailable:; retry 1 in 750 ms',
      'LIVE: polling 2 series over REST',
      'CONNECTING: reconnecting after BadResponse:; retry 1 in 750 ms',
      'LIVE: polling 2 series over REST',
      'CONNECTING: reconnecting after request timed out:; retry 1 in 750 ms',
      'LIVE: polling 2 series over REST',
      expect.stringMatching(
        /^CONNECTING: reconnecting after connection lost: .+; retry 1 in 750 ms$/,
      ),
      'LIVE: polling 2 series over REST',
    ]);
    expect(statuses.some((s) => s.reason.includes('response is not valid JSON'))).toBe(true);
    // Every minute closed exactly once per symbol, in order, equal to the exchange's candles.
    const btcBars = bars.filter((b) => b.symbol === 'BTC/USDT').map((b) => b.candle);
    const first = Date.parse('2018-06-18T12:00:00Z');
    expect(btcBars.map((c) => c.openTime)).toEqual([0, 1, 2, 3, 4, 5].map((i) => first + i * M1));
    expect(btcBars).toEqual(btcBars.map((c) => fileCandle(btc, c.openTime)));
    expect(bars.every((b) => b.gapBefore === 0)).toBe(true);
  });

  it('backs off exponentially, goes DOWN after repeated failures or a 418 ban, and recovers', async () => {
    const { feed, server, bars, statuses, advance } = await rig();
    await feed.start();
    await feed.settled();
    const seen = statuses.length;
    server.fail('/klines', { kind: 'status', status: 502 }, 4);
    await advance(60_000 + 15_000);
    server.fail('/klines', { kind: 'status', status: 418 });
    await advance(60_000 + 25_000);
    const transitions = statuses
      .slice(seen)
      .map((s) => `${s.state}: ${s.reason.replace(/: binance.*(; retry \d+ in \d+ ms)$/, ':$1')}`);
    expect(transitions).toEqual([
      'CONNECTING: reconnecting after exchange unavailable:; retry 1 in 750 ms',
      'CONNECTING: reconnecting after exchange unavailable:; retry 2 in 1500 ms',
      'DOWN: exchange unavailable:; retry 3 in 3000 ms',
      'DOWN: exchange unavailable:; retry 4 in 6000 ms',
      'LIVE: polling 2 series over REST',
      'DOWN: IP banned by the exchange (418):; retry 1 in 20000 ms',
      'LIVE: polling 2 series over REST',
    ]);
    const starts = bars.filter((b) => b.symbol === 'ETH/USDT').map((b) => b.candle.openTime);
    expect(starts).toEqual(starts.map((_, i) => Date.parse('2018-06-18T12:00:00Z') + i * M1));
    expect(starts.length).toBeGreaterThanOrEqual(2);
  });

  it('turns STALE when the exchange stops moving, and LIVE again when it resumes', async () => {
    const { feed, server, statuses, advance } = await rig();
    await feed.start();
    await feed.settled();
    server.freeze();
    await advance(45_000);
    expect(feed.status()).toMatchObject({
      state: 'STALE',
      reason: 'no market update for 31 s (limit 30 s)',
    });
    expect(feed.lastUpdateAgeMs()).toBeGreaterThan(30_000);
    server.unfreeze();
    await advance(20_000);
    expect(feed.status().state).toBe('LIVE');
    expect(statuses.map((s) => s.state).slice(-3)).toEqual(['LIVE', 'STALE', 'LIVE']);
  });

  it('reports a symbol the exchange does not list and serves the others', async () => {
    const clock = new ManualClock(START);
    const server = new LocalBinanceServer(
      [{ base: 'BTC', quote: 'USDT', candles: { '1m': btc } }],
      () => clock.now(),
    );
    await server.start();
    cleanups.push(() => server.stop());
    const { feed, bars, advance } = await rig({ clock, server });
    await feed.start();
    await feed.settled();
    expect(feed.status()).toMatchObject({
      state: 'LIVE',
      reason:
        'polling 1 series over REST; 1 series not served: binance does not list spot market ETH/USDT (delisted or renamed?)',
    });
    expect(feed.problems()).toEqual([
      {
        symbol: 'ETH/USDT',
        timeframe: '1m',
        problem: 'binance does not list spot market ETH/USDT (delisted or renamed?)',
      },
    ]);
    expect(server.calls('/klines').every((r) => r.query['symbol'] === 'BTCUSDT')).toBe(true);
    await advance(60_000);
    expect(bars.map((b) => b.symbol)).toEqual(['BTC/USDT']);
  });

  it('notices a market delisted while it runs, reports it, and keeps the other series', async () => {
    const { feed, server, bars, advance } = await rig();
    await feed.start();
    await feed.settled();
    expect(feed.status().state).toBe('LIVE');
    server.delist('ETH', 'USDT'); // gone from exchangeInfo; its klines answer -1121
    await advance(60_000);
    // The refused klines call made the feed reload the markets, which no longer list ETH/USDT.
    await advance(60_000);
    expect(feed.problems()).toEqual([
      {
        symbol: 'ETH/USDT',
        timeframe: '1m',
        problem: 'binance does not list spot market ETH/USDT (delisted or renamed?)',
      },
    ]);
    expect(feed.status()).toMatchObject({
      state: 'LIVE',
      reason: expect.stringContaining(
        '1 series not served: binance does not list spot market ETH/USDT',
      ),
    });
    expect(server.calls('/exchangeInfo').length).toBe(2);
    const btcBars = bars.filter((b) => b.symbol === 'BTC/USDT').length;
    await advance(60_000);
    expect(bars.filter((b) => b.symbol === 'BTC/USDT').length).toBe(btcBars + 1);
  });

  it('refuses an invalid candle from the exchange, naming it, without stopping other series', async () => {
    // Synthetic corruption (real exchange data has none): 12:01 arrives with high < open.
    const clock = new ManualClock(START);
    const bad = Date.parse('2018-06-18T12:01:00Z');
    const corrupted = btc.map((c) => (c.openTime === bad ? { ...c, high: c.open - 1 } : c));
    const server = new LocalBinanceServer(
      [
        { base: 'BTC', quote: 'USDT', candles: { '1m': corrupted } },
        { base: 'ETH', quote: 'USDT', candles: { '1m': eth } },
      ],
      () => clock.now(),
    );
    await server.start();
    cleanups.push(() => server.stop());
    const { feed, bars, advance } = await rig({ clock, server });
    await feed.start();
    await feed.settled();
    await advance(120_000);
    expect(feed.status()).toMatchObject({
      state: 'LIVE',
      reason: expect.stringContaining(
        `polling 1 series over REST; refused 1 series for bad data: binance:BTC/USDT:1m candle ${bad}: high`,
      ),
    });
    const opens = (symbol: string): number[] =>
      bars.filter((b) => b.symbol === symbol).map((b) => b.candle.openTime);
    expect(opens('BTC/USDT')).toEqual([Date.parse('2018-06-18T12:00:00Z')]);
    expect(opens('ETH/USDT')).toEqual(
      [0, 1].map((i) => Date.parse('2018-06-18T12:00:00Z') + i * M1),
    );
  });

  it('restarts from the candle store without re-downloading history', async () => {
    const db = openVigilStore(':memory:');
    cleanups.push(() => db.close());
    const first = await rig({ store: db });
    await first.feed.start();
    await first.feed.settled();
    await first.feed.stop();
    const clock = new ManualClock(START + 5 * M1);
    const second = await rig({ store: db, clock });
    await second.feed.start();
    await second.feed.settled();
    // Only the 5 minutes missed while stopped are fetched: one klines call per symbol.
    const klines = second.server.calls('/klines');
    expect(klines).toHaveLength(2);
    expect(klines[0]?.query).toMatchObject({
      startTime: String(Date.parse('2018-06-18T12:00:00Z')),
      limit: '5',
    });
    const key = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' } as const;
    expect(second.feed.candles(key, { limit: 1000 }).candles).toHaveLength(150);
    expect(new CandleStore(db.db).count(key)).toBe(155);
  });
});
