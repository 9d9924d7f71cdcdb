import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ScannerSignal } from '../../src-shared/contract/scanner';
import type { BarClosed } from '../../src-shared/domain/market';
import type { ConnectionList } from '../../src-shared/domain/connection';
import { LiveMarket } from '../../src-main/engine/market/live-market';
import { ReplayFeed } from '../../src-main/engine/market/replay-feed';
import { addMain, at, POLL, startLiveHost, type LiveHostRig } from '../support/live-host-rig';
import { requireSecretService } from '../support/secret-service';
import { useTempDirs } from '../support/temp-dir';

// The whole live path through a running host: a connection added with the CLI (which finds
// the host through host.json), the host starting its feed through real ccxt against a local
// Binance, live bars reaching the chart, the scanner and the paper venue, and paper orders
// filling against a live bid/ask and a live bar. Keys go to the real Secret Service.

const tempDir = useTempDirs();
let rig: LiveHostRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});
beforeAll(() => requireSecretService());

describe('live prices through the running host', () => {
  it('a connection added with the CLI streams live bars to the chart, the scanner and the paper venue', async () => {
    rig = await startLiveHost(tempDir());
    const r = rig;
    const ui = await r.renderer();
    // No connection yet: the replay plays, as before.
    await expect.poll(() => r.engine.market.activeFeed(), POLL).toBeInstanceOf(ReplayFeed);
    expect((await ui.client.call('listConnections', {})).source).toBe('replay');

    await addMain(r);
    // The first connection makes live prices the default source; the host switched to it.
    await expect.poll(() => r.engine.market.activeFeed(), POLL).toBeInstanceOf(LiveMarket);
    await r.untilLive();
    const list = await ui.client.call('listConnections', {});
    expect(list).toMatchObject({
      source: 'live',
      sourceChosen: false,
      connections: [
        {
          name: 'main',
          exchange: 'binance',
          symbols: ['BTC/USDT'],
          health: { state: 'LIVE', reconnects: 0 },
          key: { set: false },
        },
      ],
    });
    const changes = ui.events.filter((e) => e.kind === 'connectionsChanged');
    expect(changes.length).toBeGreaterThan(0);
    expect((changes.at(-1)?.payload as ConnectionList).connections[0]?.health?.state).toBe('LIVE');

    // The chart: the backfilled window, then a live close on top of it.
    const key = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' } as const;
    await ui.client.call('watchBars', { series: [key] });
    const before = await ui.client.call('getCandles', { ...key, limit: 500 });
    expect(before.candles.at(-1)?.openTime).toBe(at('2018-06-18T11:59:00Z'));
    await r.runUntil(at('2018-06-18T12:01:05Z'));
    await expect
      .poll(() => ui.events.filter((e) => e.kind === 'barClosed').length, POLL)
      .toBeGreaterThan(0);
    const bar = ui.events.find((e) => e.kind === 'barClosed')?.payload as BarClosed;
    expect(bar).toMatchObject({ ...key, source: 'live', gapBefore: 0 });
    expect(bar.candle).toEqual(r.btc.find((c) => c.openTime === at('2018-06-18T12:00:00Z')));
    const after = await ui.client.call('getCandles', { ...key, limit: 500 });
    expect(after.candles.at(-1)).toEqual(bar.candle);
    // The live spread (from the book-ticker stream) is on the connection.
    const quoted = (await ui.client.call('listConnections', {})).connections[0]?.quotes[0];
    expect(quoted?.symbol).toBe('BTC/USDT');
    expect(quoted?.spreadBps).toBeCloseTo(4, 1); // 4 bp, widened onto the 0.01 tick grid

    // Paper on live prices, 1: a market buy fills at once at the live ask (close + 2 bp on
    // the tick grid), the quote the order met on arrival.
    const ask = (await ui.client.call('listConnections', {})).connections[0]?.quotes[0]?.ask ?? 0;
    const placed = await ui.client.call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.01',
    });
    await expect
      .poll(async () => {
        const { orders } = await ui.client.call('listOrders', {});
        return orders.find((o) => o.clientOrderId === placed.clientOrderId)?.state;
      }, POLL)
      .toBe('FILLED');
    const { fills } = await ui.client.call('listFills', { symbol: 'BTC/USDT' });
    const [fill] = fills;
    expect(Number(fill?.price)).toBe(ask); // already on the tick grid
    expect(fill?.liquidity).toBe('taker');

    // Paper on live prices, 2: a resting limit below the market fills at its price when a
    // live bar trades through it (as maker, stamped at the bar's close).
    const next = r.btc.find((c) => c.openTime === at('2018-06-18T12:02:00Z'));
    const limitPrice = (Math.floor(((next?.low ?? 0) + 0.02) * 100) / 100 + 0.01).toFixed(2);
    const limit = await ui.client.call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      qty: '0.01',
      price: limitPrice,
    });
    await r.runUntil(at('2018-06-18T12:03:05Z'));
    await expect
      .poll(async () => {
        const { orders } = await ui.client.call('listOrders', {});
        return orders.find((o) => o.clientOrderId === limit.clientOrderId)?.state;
      }, POLL)
      .toBe('FILLED');
    const limitFill = (await ui.client.call('listFills', { symbol: 'BTC/USDT' })).fills.find(
      (f) => f.clientOrderId === limit.clientOrderId,
    );
    expect(limitFill).toMatchObject({
      price: limitPrice,
      liquidity: 'maker',
      at: at('2018-06-18T12:03:00Z'),
    });

    // The scanner: live 1m closes are graded once its indicators have warmed up.
    // (54 closes warm it up on this file; the backfilled history does not reach it.)
    await r.runUntil(at('2018-06-18T12:56:05Z'), 5000);
    const isBtc = (row: { exchange: string; symbol: string }): boolean =>
      row.exchange === 'binance' && row.symbol === 'BTC/USDT';
    await expect
      .poll(
        () =>
          ui.events.some(
            (e) =>
              e.kind === 'boardUpdated' &&
              (e.payload as { rows: Array<{ exchange: string; symbol: string }> }).rows.some(isBtc),
          ),
        POLL,
      )
      .toBe(true);
    // Its spread gate saw the live spread (4 bp on the tick grid), not the assumed one.
    const graded: ScannerSignal = await ui.client.call('explainSignal', {
      exchange: 'binance',
      symbol: 'BTC/USDT',
      timeframe: '1m',
    });
    expect(graded.gates.find((g) => g.gate === 'spread')?.value).toBeCloseTo(4, 1);

    // A spread blow-out with the position open is a panic: trading halts, audited.
    r.server.setSpread('BTC', 'USDT', 200);
    await r.runUntil(at('2018-06-18T12:57:05Z'));
    await expect.poll(() => r.engine.status().controlMode, POLL).toBe('HALTED');
    const panic = r.engine.store.db
      .prepare("SELECT actor FROM audit_log WHERE kind LIKE 'kill.%' ORDER BY seq LIMIT 1")
      .get() as { actor: string };
    expect(panic.actor).toBe('risk:panic:spread');
    ui.close();
  }, 180_000);
});
