import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../src-shared/domain/candle';
import type { BarClosed, FeedStatus } from '../../src-shared/domain/market';
import { createCcxtExchange } from '../../src-main/engine/market/ccxt-exchange';
import { CcxtFeed } from '../../src-main/engine/market/ccxt-feed';
import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import { sharedCandleFile } from '../support/candle-data';
import { LocalBinanceServer } from '../support/local-binance-server';
import { ManualClock } from '../support/manual-clock';
import { until } from '../support/until';

// Real ccxt.pro (binance) against the local exchange's websocket streams plus its REST API.

let btc: Candle[];
beforeAll(async () => {
  btc = (await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1m.csv'))).candles;
});

const START = Date.parse('2018-06-18T12:00:30Z');
/** Real sockets on a loaded machine: give eventual conditions room, they are not timings. */
const POLL = { timeout: 15_000 } as const;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rig(): Promise<{
  clock: ManualClock;
  server: LocalBinanceServer;
  feed: CcxtFeed;
  bars: BarClosed[];
  statuses: FeedStatus[];
  /** One exchange second: the clock moves, the exchange streams, the feed catches up. */
  tick: () => Promise<void>;
}> {
  const clock = new ManualClock(START);
  const server = new LocalBinanceServer(
    [{ base: 'BTC', quote: 'USDT', candles: { '1m': btc } }],
    () => clock.now(),
  );
  await server.start();
  cleanups.push(() => server.stop());
  const exchange = await createCcxtExchange('binance', {
    apiOrigin: server.url,
    websocket: true,
    timeoutMs: 1000,
    rateLimitMs: 1,
  });
  const feed = new CcxtFeed({
    exchangeId: 'binance',
    exchange,
    subscriptions: [{ symbol: 'BTC/USDT', timeframe: '1m' }],
    backfill: 30,
    clock,
    scheduler: clock,
    // Far after the close, so a bar that arrives early can only have come from the stream.
    closeDelayMs: 20_000,
    staleAfterMs: 30_000,
    backoffBaseMs: 1000,
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
  const tick = async (): Promise<void> => {
    clock.advance(1000);
    server.publish();
    await feed.settled();
  };
  return { clock, server, feed, bars, statuses, tick };
}

describe('CcxtFeed over websocket (ccxt.pro) against a local Binance', () => {
  it('subscribes to kline and miniTicker streams and closes bars as the stream rolls over', async () => {
    const { clock, server, feed, bars, tick } = await rig();
    expect(feed.status().state).toBe('DOWN');
    await feed.start();
    await feed.settled();
    await until(
      (l) => server.onStreamChange(l),
      () => server.subscribed.length >= 2,
    );
    expect([...server.subscribed].sort()).toEqual(['btcusdt@kline_1m', 'btcusdt@miniTicker']);
    expect(feed.status()).toMatchObject({
      state: 'LIVE',
      reason: 'streaming 1 series over websocket',
    });

    while (clock.now() < Date.parse('2018-06-18T12:01:01Z')) await tick();
    // The stream showed the 12:01 candle: the feed fetched the sealed 12:00 one over REST.
    await until(
      (l) => feed.onBar(l),
      () => bars.length >= 1,
    );
    expect(bars).toHaveLength(1);
    expect(clock.now()).toBeLessThan(Date.parse('2018-06-18T12:01:20Z')); // before any REST poll
    expect(bars[0]).toMatchObject({ source: 'live', gapBefore: 0 });
    expect(bars[0]?.candle).toEqual(
      btc.find((c) => c.openTime === Date.parse('2018-06-18T12:00:00Z')),
    );
    await until(
      (l) => feed.onQuote(l),
      () => feed.ticker('BTC/USDT')?.timestamp === clock.now(),
    );
  });

  it('survives a dropped websocket: REST keeps the bars coming, the stream reconnects', async () => {
    const { clock, server, feed, bars, statuses, tick } = await rig();
    await feed.start();
    await feed.settled();
    // ccxt: one connection for klines, one for tickers.
    await until(
      (l) => server.onStreamChange(l),
      () => server.webSocketClients() === 2,
    );
    const subscriptionsBefore = server.subscribed.length;
    server.dropWebSockets();
    const reconnecting =
      /^websocket reconnecting \(.+; retry 1 in 750 ms\); polling 1 series over REST meanwhile$/;
    await until(
      (l) => feed.onStatus(l),
      () => reconnecting.test(feed.status().reason),
    );
    expect(feed.status().state).toBe('LIVE'); // data still flows over REST
    // Each poll attempt lets one exchange second pass: the 750 ms backoffs expire, ccxt
    // reconnects. (Each stream loop starts its backoff when its own error arrives, so how many
    // exchange seconds that takes depends on when ccxt reports the drop: polled.)
    await expect
      .poll(async () => {
        await tick();
        return server.webSocketClients();
      }, POLL)
      .toBe(2);
    // Both streams subscribed again (told by the server), then one exchange second: its push
    // is the first message after resubscribing, and the stream counts as healthy again.
    await until(
      (l) => server.onStreamChange(l),
      () => server.subscribed.length >= subscriptionsBefore + 2,
    );
    await tick();
    await until(
      (l) => feed.onStatus(l),
      () => feed.status().reason === 'streaming 1 series over websocket',
    );

    while (clock.now() < Date.parse('2018-06-18T12:03:01Z')) await tick();
    await until(
      (l) => feed.onBar(l),
      () => bars.length >= 3,
    );
    expect(bars.map((b) => b.candle.openTime - Date.parse('2018-06-18T12:00:00Z'))).toEqual([
      0, 60_000, 120_000,
    ]);
    expect(statuses.map((s) => s.state)).not.toContain('DOWN');
  });
});
