import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src-shared/contract/events';
import { dispatchCommand } from '../../src-shared/contract/dispatch';
import { Engine } from '../../src-main/engine/engine';
import { CandleStore } from '../../src-main/engine/market/candle-store';
import { LiveMarket } from '../../src-main/engine/market/live-market';
import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import { sharedCandleFile } from '../support/candle-data';
import { LocalBinanceServer } from '../support/local-binance-server';
import { ManualClock } from '../support/manual-clock';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
/** Real sockets on a loaded machine: give eventual conditions room, they are not timings. */
const POLL = { timeout: 15_000 } as const;
const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

describe('engine with a live (ccxt) market', () => {
  it('backfills into the candle store, serves the chart and publishes bar closes', async () => {
    const clock = new ManualClock(Date.parse('2018-06-18T12:00:30Z'));
    const { candles } = await loadCandleCsv(sharedCandleFile('binance_ETH-BTC_5m.csv'));
    const server = new LocalBinanceServer(
      [{ base: 'ETH', quote: 'BTC', candles: { '5m': candles } }],
      () => clock.now(),
    );
    await server.start();
    stops.push(() => server.stop());
    const engine = Engine.start({
      dataDir: tempDir(),
      version: 'test',
      host: 'test',
      clock,
      scheduler: clock,
      heartbeatMs: 3_600_000,
      onError: (e) => {
        throw e;
      },
      market: {
        kind: 'live',
        connections: [
          {
            name: 'main',
            exchange: 'binance',
            symbols: ['ETH/BTC'],
            timeframes: ['5m'],
            apiOrigin: server.url,
            enabled: true,
            createdAt: clock.now(),
            needsPassword: false,
          },
        ],
        backfill: 200,
      },
    });
    stops.push(() => engine.stop('test'));
    const events: EventEnvelope[] = [];
    engine.events.subscribe((e) => events.push(e));
    await expect.poll(() => engine.market.activeFeed(), POLL).toBeInstanceOf(LiveMarket);
    const feed = engine.market.activeFeed() as LiveMarket;
    await feed.settled();
    expect(engine.market.status()).toMatchObject({
      feed: 'ccxt:binance',
      state: 'LIVE',
      reason: 'streaming 1 series over websocket',
    });
    const key = { exchange: 'binance', symbol: 'ETH/BTC', timeframe: '5m' } as const;
    expect(new CandleStore(engine.store.db).count(key)).toBe(200);

    const list = await dispatchCommand(engine.handlers, 'listSymbols', {}, { origin: 'test' });
    expect(list).toMatchObject({
      ok: true,
      output: { series: [{ ...key, origin: 'exchange', bars: 200 }] },
    });
    const window = await dispatchCommand(
      engine.handlers,
      'getCandles',
      { ...key, limit: 2 },
      { origin: 'test' },
    );
    expect(window).toMatchObject({ ok: true, output: { gaps: [] } });

    // websocket by default: ccxt opens one connection for klines, tickers and book tickers each
    await expect.poll(() => server.webSocketClients(), POLL).toBe(3);
    for (let t = 0; t < 300_000; t += 1000) {
      clock.advance(1000);
      server.publish();
      await feed.settled();
    }
    await expect.poll(() => events.filter((e) => e.kind === 'barClosed').length, POLL).toBe(1);
    const bars = events.filter((e) => e.kind === 'barClosed');
    expect(bars).toHaveLength(1);
    expect(bars[0]?.payload).toMatchObject({
      ...key,
      source: 'live',
      candle: { openTime: Date.parse('2018-06-18T12:00:00Z') },
    });
    // Streamed tickers (delivered over the socket, hence polled) keep the data fresh, and the
    // book-ticker stream brings the best bid and ask.
    await expect
      .poll(() => {
        server.publish(); // the exchange keeps streaming (same second) until we see it
        return engine.market.lastUpdateAgeMs();
      }, POLL)
      .toBe(0);
    const quote = engine.market.quote('binance', 'ETH/BTC');
    expect(quote?.bid).toBeLessThan(quote?.ask ?? 0);
    expect(quote?.bidSize).toBe(1);
  });
});
