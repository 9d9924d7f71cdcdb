import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../src-shared/domain/candle';
import type { BarClosed } from '../../src-shared/domain/market';
import { createCcxtExchange } from '../../src-main/engine/market/ccxt-exchange';
import { CcxtFeed } from '../../src-main/engine/market/ccxt-feed';
import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import { sharedCandleFile } from '../support/candle-data';
import { LocalOkxServer } from '../support/local-okx-server';
import { ManualClock } from '../support/manual-clock';
import { until } from '../support/until';

// Real ccxt (okx and ccxt.pro okx) against a local OKX v5 server: instruments, candles and
// history-candles pagination, tickers, and the public + business websockets.

let btc: Candle[];
beforeAll(async () => {
  btc = (await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1m.csv'))).candles;
});

const START = Date.parse('2018-06-18T12:00:30Z');
/** Real sockets on a loaded machine: give eventual conditions room, they are not timings. */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rig(transport: 'rest' | 'websocket'): Promise<{
  clock: ManualClock;
  server: LocalOkxServer;
  feed: CcxtFeed;
  bars: BarClosed[];
  tick: () => Promise<void>;
}> {
  const clock = new ManualClock(START);
  const server = new LocalOkxServer([{ base: 'BTC', quote: 'USDT', candles: { '1m': btc } }], () =>
    clock.now(),
  );
  await server.start();
  cleanups.push(() => server.stop());
  const exchange = await createCcxtExchange('okx', {
    apiOrigin: server.url,
    websocket: transport === 'websocket',
    timeoutMs: 1000,
    rateLimitMs: 1,
  });
  const feed = new CcxtFeed({
    exchangeId: 'okx',
    exchange,
    subscriptions: [{ symbol: 'BTC/USDT', timeframe: '1m' }],
    backfill: 400,
    clock,
    scheduler: clock,
    closeDelayMs: 20_000,
    staleAfterMs: 30_000,
    transport,
    random: () => 0.5,
    onError: (e) => {
      throw e;
    },
  });
  cleanups.push(() => feed.stop());
  const bars: BarClosed[] = [];
  feed.onBar((b) => bars.push(b));
  const tick = async (): Promise<void> => {
    clock.advance(1000);
    server.publish();
    await feed.settled();
  };
  return { clock, server, feed, bars, tick };
}

describe('CcxtFeed against a local OKX v5', () => {
  it('backfills through paginated history-candles and polls closes over REST', async () => {
    const { clock, server, feed, bars, tick } = await rig('rest');
    await feed.start();
    await feed.settled();
    expect(feed.status()).toMatchObject({ feed: 'ccxt:okx', state: 'LIVE' });
    const [series] = feed.series();
    expect(series).toMatchObject({ symbol: 'BTC/USDT', bars: 400, origin: 'exchange' });
    const expected = btc
      .filter((c) => c.openTime <= Date.parse('2018-06-18T11:59:00Z'))
      .slice(-400);
    const { candles } = feed.candles(
      { exchange: 'okx', symbol: 'BTC/USDT', timeframe: '1m' },
      { limit: 400 },
    );
    expect(candles).toEqual(expected);
    expect(server.calls('/api/v5/public/instruments')[0]?.query).toMatchObject({
      instType: 'SPOT',
    });
    expect(server.calls('/history-candles').length).toBeGreaterThanOrEqual(2); // 300 per page
    while (clock.now() < Date.parse('2018-06-18T12:01:25Z')) await tick();
    expect(bars.map((b) => b.candle)).toEqual(
      btc.filter((c) => c.openTime === Date.parse('2018-06-18T12:00:00Z')),
    );
    expect(feed.ticker('BTC/USDT')?.price).toBe(
      btc.find((c) => c.openTime === Date.parse('2018-06-18T12:01:00Z'))?.close,
    );
  });

  it('streams candles on the business websocket and tickers on the public one', async () => {
    const { clock, server, feed, bars, tick } = await rig('websocket');
    await feed.start();
    await feed.settled();
    await until(
      (l) => server.onStreamChange(l),
      () => server.subscribed.length >= 2,
    );
    expect([...server.subscribed].sort()).toEqual(['candle1m:BTC-USDT', 'tickers:BTC-USDT']);
    while (clock.now() < Date.parse('2018-06-18T12:01:01Z')) await tick();
    await until(
      (l) => feed.onBar(l),
      () => bars.length >= 1,
    );
    expect(bars).toHaveLength(1);
    expect(clock.now()).toBeLessThan(Date.parse('2018-06-18T12:01:20Z')); // before any REST poll
    // The ticker stream's last push (the one at this second) reaches the feed as a quote.
    await until(
      (l) => feed.onQuote(l),
      () => feed.ticker('BTC/USDT')?.timestamp === clock.now(),
    );
  });
});
