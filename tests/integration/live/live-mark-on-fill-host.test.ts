import { afterEach, describe, expect, it } from 'vitest';
import type { BookValuation } from '../../../src-shared/contract/execution';
import type { BookId, PositionView } from '../../../src-shared/domain/order';
import { LIVE_KEY } from '../../support/live-broker-rig';
import { addMain, POLL, startLiveHost, type LiveHostRig } from '../../support/live-host-rig';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { useTempDirs } from '../../support/temp-dir';

// Between a fill and the next bar close of its market (up to 4 hours on a 4h-only watchlist),
// the position must carry a mark: its fill price first, then the venue's last trades.

const tempDir = useTempDirs();
const rigs: LiveHostRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.stop();
});

const MINUTE = 60_000;

/** A running host on live prices from the local Binance (1m bars), a funded account, its key. */
async function liveHost(): Promise<LiveHostRig> {
  const r = await startLiveHost(tempDir(), { secrets: new MemorySecretStore() });
  rigs.push(r);
  r.server.addApiKey(LIVE_KEY);
  r.server.account.deposit('USDT', '10000');
  await addMain(r);
  await r.untilLive();
  expect((await r.cli(['keys', 'set', 'main', '--stdin'], JSON.stringify(LIVE_KEY))).code).toBe(0);
  return r;
}

/** Bar-close equity samples of a book: none may fall between the fill and the checks. */
function barSamples(r: LiveHostRig, bookId: BookId): number {
  return (
    r.engine.store.db
      .prepare("SELECT COUNT(*) AS n FROM ledger_equity WHERE book_id = ? AND cause = 'bar'")
      .get(bookId) as { n: number }
  ).n;
}

/** The book's stored BTC/USDT mark and the time of the price it is. */
function markOf(r: LiveHostRig, bookId: BookId): { price: string; at: number } {
  const row = r.engine.store.db
    .prepare("SELECT price, at FROM ledger_marks WHERE book_id = ? AND symbol = 'BTC/USDT'")
    .get(bookId) as { price: string; at: number } | undefined;
  if (row === undefined) throw new Error(`${bookId} has no BTC/USDT mark`);
  return row;
}

function btcOf(valuation: BookValuation): PositionView {
  const position = valuation.positions.find((p) => p.symbol === 'BTC/USDT');
  if (position === undefined) throw new Error(`no BTC/USDT position: ${JSON.stringify(valuation)}`);
  return position;
}

/** qty x (mark - average entry), to the ledger's last digit (the qty has 5 places here). */
function unrealizedAt(position: PositionView, mark: string): number {
  return Number(position.qty) * (Number(mark) - Number(position.avgEntryPrice));
}

describe('a position has a mark from its first fill, not only from the next bar close', () => {
  it('LIVE: a market buy on the local Binance is valued at its fill price at once, then at the venue’s last trades', async () => {
    const r = await liveHost();
    expect(
      (await r.cli(['mode', 'live', '--connection', 'main', '--confirm', 'LIVE main'])).code,
    ).toBe(0);
    const nextBarClose = Math.ceil(r.clock.now() / MINUTE) * MINUTE;
    const barsBefore = barSamples(r, 'live:binance');
    const ui = await r.renderer();
    try {
      const order = await ui.client.call('placeOrder', {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'market',
        qty: '0.01',
      });
      expect(order).toMatchObject({ bookId: 'live:binance', state: 'FILLED' });
      const fillPrice = order.avgFillPrice ?? '';
      expect(Number(fillPrice)).toBeGreaterThan(0);

      // Right after the fill, no tick and no bar close in between: the book's answer carries a
      // mark (the fill's own price) and an unrealized PnL, and equity counts it at that mark.
      const valued = await ui.client.call('getBookValuation', {});
      const position = btcOf(valued);
      expect(position).toMatchObject({ markPrice: fillPrice, unrealizedPnl: '0' });
      expect(valued.unrealizedPnl).toBe('0');
      const { positions } = await ui.client.call('getPositions', {});
      expect(positions.find((p) => p.symbol === 'BTC/USDT')).toMatchObject({
        markPrice: fillPrice,
        unrealizedPnl: '0',
      });
      // The risk gate values the exposure at mark: the gauges count it, and a new order passes.
      expect(valued.usageError).toBeNull();
      expect(valued.usage?.openPositions).toBe(1);
      expect(valued.usage?.heatPct ?? 0).toBeGreaterThan(0);
      const limit = await ui.client.call('placeOrder', {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        qty: '0.01',
        price: (Number(fillPrice) * 0.9).toFixed(2),
      });
      expect(limit).toMatchObject({ bookId: 'live:binance', state: 'OPEN' });
      // `vigil positions` reads the same ledger.
      const cli = await r.cli(['positions', '--book', 'live:binance']);
      expect(cli.io.out.join('')).toMatch(
        new RegExp(`BTC/USDT +qty ${position.qty} +avg ${fillPrice} +mark ${fillPrice} +uPnL 0 `),
      );

      // The venue trades higher: its ticker's last price is the mark within a second, still
      // before the bar closes.
      const moved = Number((Number(fillPrice) * 1.01).toFixed(2));
      r.server.setPrice('BTC', 'USDT', moved);
      await r.tick(1000);
      await expect
        .poll(
          async () => Number(btcOf(await ui.client.call('getBookValuation', {})).markPrice),
          POLL,
        )
        .toBe(moved);
      const fresh = btcOf(await ui.client.call('getBookValuation', {}));
      expect(Number(fresh.unrealizedPnl)).toBeCloseTo(unrealizedAt(fresh, String(moved)), 8);
      expect(Number(fresh.unrealizedPnl)).toBeGreaterThan(0);
      // The cockpit was pushed that valuation (bookMarked), not only asked for it.
      const pushed = ui.events.filter((e) => e.kind === 'bookMarked').map((e) => e.payload);
      expect(
        pushed.some((v) =>
          v.positions.some((p) => p.symbol === 'BTC/USDT' && Number(p.markPrice) === moved),
        ),
      ).toBe(true);
      expect(r.clock.now()).toBeLessThan(nextBarClose);
      expect(barSamples(r, 'live:binance')).toBe(barsBefore);
    } finally {
      ui.close();
    }
  });

  it('PAPER on live prices: a market buy filled at the touch is marked at its fill, not the older close, then by the venue’s trades', async () => {
    const r = await liveHost();
    // The paper venue prices a market order from its last bar: the first live close gives it.
    await r.runUntil(Math.ceil(r.clock.now() / MINUTE) * MINUTE + 2000);
    await expect
      .poll(async () => {
        await r.tick(1000);
        return r.engine.execution.paper.lastPrice('BTC/USDT');
      }, POLL)
      .not.toBeNull();
    const nextBarClose = Math.ceil(r.clock.now() / MINUTE) * MINUTE;
    const barsBefore = barSamples(r, 'paper');
    const ui = await r.renderer();
    try {
      const order = await ui.client.call('placeOrder', {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'market',
        qty: '0.01',
      });
      expect(order).toMatchObject({ bookId: 'paper', reason: null });
      // The paper venue fills a market order at the exchange's ask on its next quote.
      await r.tick(1000);
      await expect
        .poll(async () => (await ui.client.call('getBookValuation', {})).positions.length, POLL)
        .toBe(1);
      const filled = (await ui.client.call('listOrders', {})).orders.find(
        (o) => o.clientOrderId === order.clientOrderId,
      );
      const fillPrice = filled?.avgFillPrice ?? '';
      expect(filled?.state).toBe('FILLED');
      // The fill is a trade later than the last close: the mark is a price of the fill's moment
      // (the fill's own, or the venue's last trade of that instant), never that older close.
      const position = btcOf(await ui.client.call('getBookValuation', {}));
      const fillAt = r.engine.execution.ledger.fills('paper').at(-1)?.at ?? Infinity;
      expect(markOf(r, 'paper').at).toBeGreaterThanOrEqual(fillAt);
      expect(markOf(r, 'paper').at).toBeGreaterThan(nextBarClose - MINUTE);
      expect(Number(position.unrealizedPnl)).toBeCloseTo(
        unrealizedAt(position, position.markPrice ?? ''),
        8,
      );

      const moved = Number((Number(fillPrice) * 0.99).toFixed(2));
      r.server.setPrice('BTC', 'USDT', moved);
      await r.tick(1000);
      await expect
        .poll(
          async () => Number(btcOf(await ui.client.call('getBookValuation', {})).markPrice),
          POLL,
        )
        .toBe(moved);
      expect(
        Number(btcOf(await ui.client.call('getBookValuation', {})).unrealizedPnl),
      ).toBeLessThan(0);
      expect(r.clock.now()).toBeLessThan(nextBarClose);
      expect(barSamples(r, 'paper')).toBe(barsBefore);
    } finally {
      ui.close();
    }
  });
});
