import { describe, expect, it } from 'vitest';
import { units } from '../../support/binance-spot-account';
import { defined } from '../../support/defined';
import { placeOnOkxWebsite, startOkxRig, type OkxRig } from '../../support/okx-broker-rig';
import { stopAfterEach } from '../../support/stop-after-each';

const keep = stopAfterEach<OkxRig>();
const rig = async (options: Parameters<typeof startOkxRig>[0] = {}): Promise<OkxRig> =>
  keep(await startOkxRig(options));

/** The JSON bodies ccxt POSTed to one OKX endpoint, item by item (batch bodies are lists). */
function posted(t: OkxRig, path: string): Array<Record<string, string>> {
  return t.server
    .calls(path)
    .filter((r) => r.method === 'POST')
    .flatMap((r) => {
      const body = JSON.parse(r.body) as Record<string, string> | Array<Record<string, string>>;
      return Array.isArray(body) ? body : [body];
    });
}

function venueOrder(t: OkxRig, clientOrderId: string) {
  return t.server.account.spot.orders.find((o) => o.clientOrderId === clientOrderId);
}

describe('CcxtBroker on OKX v5 spot, through ccxt, against the local OKX', () => {
  it('places a limit order under our clOrdId (cash, never ccxt’s id); partial fill, fill, each booked once', async () => {
    const t = await rig();
    const placed = await t.executor.place(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        qty: '0.01',
        price: '6000',
        timeInForce: 'GTC',
      },
      'user:test',
    );
    expect(placed.state).toBe('OPEN');
    const sent = posted(t, '/api/v5/trade/batch-orders');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      instId: 'BTC-USDT',
      side: 'buy',
      ordType: 'limit',
      px: '6000',
      sz: '0.01',
      tdMode: 'cash',
      clOrdId: placed.clientOrderId,
    });
    // ccxt's broker tag never replaced or joined ours.
    expect(sent[0]?.['tag']).toBeUndefined();
    const venue = defined(venueOrder(t, placed.clientOrderId), 'venue order');
    expect(venue).toMatchObject({ type: 'LIMIT', status: 'NEW', price: units('6000') });

    t.server.account.spot.fillResting(venue, units('0.004'));
    await t.executor.reconcile('test');
    expect(t.executor.view(placed.clientOrderId)).toMatchObject({
      state: 'PARTIALLY_FILLED',
      filledQty: '0.004',
    });
    t.server.account.spot.fillResting(venue, units('0.006'));
    await t.executor.reconcile('test');
    await t.executor.reconcile('test');
    expect(t.executor.view(placed.clientOrderId)).toMatchObject({
      state: 'FILLED',
      filledQty: '0.01',
    });
    const fills = t.ledger.fillsOfOrder('live:okx', placed.clientOrderId);
    // OKX prints a charged fee negative; the ledger books what was paid.
    expect(fills.map((f) => [f.qty, f.price, f.fee, f.feeAsset, f.liquidity])).toEqual([
      ['0.004', '6000', '0.000004', 'BTC', 'maker'],
      ['0.006', '6000', '0.000006', 'BTC', 'maker'],
    ]);
    expect(t.errors).toEqual([]);
  });

  it('a market buy fills at the touch (sized in base) and is booked', async () => {
    const t = await rig();
    const quote = defined(t.server.quoteUnits('ETH-USDT'), 'quote');
    const order = await t.executor.place(
      { symbol: 'ETH/USDT', side: 'buy', type: 'market', qty: '0.5' },
      'user:test',
    );
    expect(posted(t, '/api/v5/trade/batch-orders')[0]).toMatchObject({
      ordType: 'market',
      tgtCcy: 'base_ccy',
      sz: '0.5',
    });
    await t.executor.reconcile('test');
    expect(t.executor.view(order.clientOrderId)).toMatchObject({
      state: 'FILLED',
      filledQty: '0.5',
    });
    const [fill] = t.ledger.fillsOfOrder('live:okx', order.clientOrderId);
    expect(units(defined(fill, 'fill').price)).toBe(quote.ask);
    expect(t.ledger.positions('live:okx').find((p) => p.symbol === 'ETH/USDT')?.qty).toBe('0.4995');
  });

  it('cancel by clOrdId: OKX cancels it and the order is CANCELED', async () => {
    const t = await rig();
    const o = await t.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.01', price: '6000' },
      'user:test',
    );
    const canceled = await t.executor.cancel(o.clientOrderId, 'user:test');
    expect(canceled.state).toBe('CANCELED');
    expect(venueOrder(t, o.clientOrderId)?.status).toBe('CANCELED');
    expect(posted(t, '/api/v5/trade/cancel-order')).toEqual([
      { instId: 'BTC-USDT', clOrdId: o.clientOrderId },
    ]);
  });

  it('refusals keep OKX’s sCode and sMsg (51008 balance, 51280 a stop above the market)', async () => {
    const t = await rig();
    const broke = await t.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '5', price: '6000' },
      'user:test',
    );
    expect(broke.state).toBe('REJECTED');
    expect(broke.reason).toContain('Order failed. Insufficient USDT balance in account.');
    const above = await t.executor.place(
      { symbol: 'BTC/USDT', side: 'sell', type: 'stop-market', qty: '0.01', stopPrice: '7000' },
      'user:test',
    );
    expect(above.state).toBe('REJECTED');
    expect(above.reason).toContain('SL trigger price must be less than the last price');
    // A quantity off OKX's limits never leaves: refused by Vigil from ccxt's market limits.
    const tiny = await t.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.000001', price: '6000' },
      'user:test',
    );
    expect(tiny.state).toBe('REJECTED');
    // Named in words for OKX too (no Binance -1013 / LOT_SIZE): the rule, the value, the limit.
    expect(tiny.reason).toMatch(
      /^okx: quantity 0\.000001 is (not a multiple of BTC\/USDT's step size|below BTC\/USDT's minimum quantity) [\d.]+$/,
    );
    expect(tiny.reason).not.toMatch(/1013|LOT_SIZE|Filter failure/);
    expect(posted(t, '/api/v5/trade/batch-orders')).toHaveLength(1);
    expect(t.server.account.spot.orders).toEqual([]);
    expect(t.server.account.algos).toEqual([]);
  });

  it('a stop-market rests at OKX as a conditional algo order and fires on the drop', async () => {
    const t = await rig();
    const entry = await t.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' },
      'user:test',
    );
    await t.executor.reconcile('test');
    expect(t.executor.view(entry.clientOrderId).state).toBe('FILLED');
    const stop = await t.executor.place(
      {
        symbol: 'BTC/USDT',
        side: 'sell',
        type: 'stop-market',
        qty: '0.00999',
        stopPrice: '6200',
        reduceOnly: true,
      },
      'user:test',
    );
    expect(stop.state).toBe('OPEN');
    expect(posted(t, '/api/v5/trade/order-algo')).toEqual([
      expect.objectContaining({
        instId: 'BTC-USDT',
        ordType: 'conditional',
        side: 'sell',
        sz: '0.00999',
        slTriggerPx: '6200',
        slOrdPx: '-1',
        tdMode: 'cash',
        algoClOrdId: stop.clientOrderId,
        clOrdId: stop.clientOrderId,
      }),
    ]);
    // It rests at the venue, not in the book: a sleeping laptop still has its stop.
    expect(t.server.account.algos.map((a) => [a.ordType, a.state, a.algoClOrdId])).toEqual([
      ['conditional', 'live', stop.clientOrderId],
    ]);
    expect((await t.broker.openOrders()).map((o) => o.clientOrderId)).toEqual([stop.clientOrderId]);
    t.server.setPrice('BTC', 'USDT', 6190);
    await t.executor.reconcile('test');
    await t.executor.reconcile('test');
    expect(t.executor.view(stop.clientOrderId)).toMatchObject({
      state: 'FILLED',
      filledQty: '0.00999',
    });
    const fills = t.ledger.fillsOfOrder('live:okx', stop.clientOrderId);
    expect(fills.map((f) => f.qty)).toEqual(['0.00999']);
    expect(t.server.account.algos[0]?.state).toBe('effective');
    expect(t.errors).toEqual([]);
  });

  it('a bracket: its exits rest as one OKX oco algo; the stop fires, the target expires with it', async () => {
    const t = await rig();
    const entry = await t.executor.place(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'market',
        qty: '0.01',
        bracket: { stopLoss: '6200', takeProfit: '6800' },
      },
      'user:test',
    );
    await t.executor.reconcile('test');
    await t.executor.idle();
    expect(t.executor.view(entry.clientOrderId).state).toBe('FILLED');
    const exits = t.executor
      .list(true)
      .filter((o) => o.parentClientOrderId === entry.clientOrderId)
      .sort((a, b) => (a.bracketRole ?? '').localeCompare(b.bracketRole ?? ''));
    expect(exits.map((o) => [o.bracketRole, o.state, o.qty])).toEqual([
      ['stop-loss', 'OPEN', '0.00999'],
      ['take-profit', 'OPEN', '0.00999'],
    ]);
    const [stopLeg, targetLeg] = exits;
    expect(posted(t, '/api/v5/trade/order-algo')).toEqual([
      expect.objectContaining({
        ordType: 'oco',
        sz: '0.00999',
        slTriggerPx: '6200',
        slOrdPx: '-1',
        tpTriggerPx: '6800',
        tpOrdPx: '6800',
        algoClOrdId: stopLeg?.clientOrderId,
      }),
    ]);
    expect(t.server.account.spot.open()).toEqual([]);
    expect(t.server.account.algos.map((a) => [a.ordType, a.state])).toEqual([['oco', 'live']]);
    t.server.setPrice('BTC', 'USDT', 6190);
    await t.executor.reconcile('test');
    await t.executor.reconcile('test');
    expect(t.executor.view(defined(stopLeg, 'stop').clientOrderId).state).toBe('FILLED');
    expect(t.executor.view(defined(targetLeg, 'target').clientOrderId).state).toBe('EXPIRED');
    expect(t.server.account.algos[0]).toMatchObject({ state: 'effective', actualSide: 'sl' });
    expect(t.errors).toEqual([]);
  });

  it('a limit bracket entry that fills in parts rests each part under its own OKX oco algo as it fills', async () => {
    const t = await rig();
    const entry = await t.executor.place(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        qty: '0.01',
        price: '6000',
        bracket: { stopLoss: '5800', takeProfit: '6800' },
      },
      'user:test',
    );
    const venue = defined(venueOrder(t, entry.clientOrderId), 'entry at OKX');
    const live = (): Array<[string, string, string]> =>
      t.server.account.algos
        .filter((a) => a.state === 'live')
        .map((a) => [a.ordType, a.side, (Number(a.sz) / 1e8).toFixed(8)]);
    // 0.004 fills (OKX takes 0.000004 BTC as the fee): 0.003996 is held, under its stop at once.
    t.server.account.spot.fillResting(venue, units('0.004'));
    await t.executor.reconcile('test');
    await t.executor.idle();
    expect(t.executor.view(entry.clientOrderId).state).toBe('PARTIALLY_FILLED');
    expect(live()).toEqual([['oco', 'sell', '0.00399600']]);
    // The rest fills: its own pair, the first one left as it was.
    t.server.account.spot.fillResting(venue, units('0.006'));
    await t.executor.reconcile('test');
    await t.executor.reconcile('test');
    await t.executor.idle();
    expect(t.executor.view(entry.clientOrderId).state).toBe('FILLED');
    expect(live()).toEqual([
      ['oco', 'sell', '0.00399600'],
      ['oco', 'sell', '0.00599400'],
    ]);
    expect(t.errors).toEqual([]);
  });

  it('orders placed at OKX without a client id (its website) are each listed and cancelled by OKX’s id', async () => {
    const t = await rig();
    t.server.account.spot.deposit('BTC', '1');
    const { order: web, stop: webStop } = placeOnOkxWebsite(t.server);
    const open = await t.broker.openOrders('BTC/USDT');
    expect(open.map((o) => [o.clientOrderId, o.venueOrderId])).toEqual([
      [`okx-ordId:${web.orderId}`, String(web.orderId)],
      [`okx-algoId:${webStop.algoId}`, webStop.algoId],
    ]);
    const canceled = await Promise.all(open.map((o) => t.broker.cancel(o.clientOrderId, o.symbol)));
    expect(canceled.map((o) => o.status)).toEqual(['CANCELED', 'CANCELED']);
    expect(web.status).toBe('CANCELED');
    expect(webStop.state).toBe('canceled');
  });
});
