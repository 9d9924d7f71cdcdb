import { describe, expect, it } from 'vitest';
import { units } from '../../support/binance-spot-account';
import { defined } from '../../support/defined';
import { startOkxRig, type OkxRig } from '../../support/okx-broker-rig';
import { stopAfterEach } from '../../support/stop-after-each';

const keep = stopAfterEach<OkxRig>();
const rig = async (options: Parameters<typeof startOkxRig>[0] = {}): Promise<OkxRig> =>
  keep(await startOkxRig(options));

const LIMIT = {
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  qty: '0.01',
  price: '6000',
  timeInForce: 'GTC',
} as const;

const PLACE = '/api/v5/trade/batch-orders';

/** Orders OKX holds under one client id (a duplicate would be two). */
function venueOrders(t: OkxRig, clientOrderId: string): number {
  return t.server.account.spot.orders.filter((o) => o.clientOrderId === clientOrderId).length;
}

function placements(t: OkxRig): string[] {
  return t.server.calls(PLACE).map((r) => r.answered);
}

describe('live broker faults, through ccxt, against the local OKX', () => {
  it('accepted, then the answer never comes: looked up by clOrdId, never resent, exactly one order', async () => {
    const t = await rig({ callTimeoutMs: 400 });
    t.server.fail(PLACE, { kind: 'process-then', then: 'hang' }, 1, 'POST');
    const order = await t.executor.place(LIMIT, 'user:test');
    expect(order.state).toBe('OPEN');
    expect(venueOrders(t, order.clientOrderId)).toBe(1);
    expect(placements(t)).toEqual(['processed, then hang']);
    expect(t.trouble.some((r) => r.includes('RequestTimeout'))).toBe(true);
  });

  it('accepted, then a 502 or broken JSON: resolved by lookup, one order each', async () => {
    const t = await rig();
    t.server.fail(PLACE, { kind: 'process-then', then: 502 }, 1, 'POST');
    t.server.fail(PLACE, { kind: 'process-then', then: 'malformed-json' }, 1, 'POST');
    const a = await t.executor.place(LIMIT, 'user:test');
    const b = await t.executor.place({ ...LIMIT, price: '5990' }, 'user:test');
    expect([a.state, b.state]).toEqual(['OPEN', 'OPEN']);
    expect([venueOrders(t, a.clientOrderId), venueOrders(t, b.clientOrderId)]).toEqual([1, 1]);
    expect(placements(t)).toHaveLength(2);
  });

  it('a 503 before processing: nothing at OKX; after the grace it expires, never resent', async () => {
    const t = await rig();
    t.server.fail(PLACE, { kind: 'status', status: 503 }, 1, 'POST');
    const order = await t.executor.place(LIMIT, 'user:test');
    expect(order.state).toBe('SUBMITTED');
    expect(venueOrders(t, order.clientOrderId)).toBe(0);
    t.clock.advance(31_000);
    await t.executor.reconcile('test');
    expect(t.executor.view(order.clientOrderId).state).toBe('EXPIRED');
    expect(placements(t)).toEqual(['503']);
  });

  it('429 with OKX’s 50011 is waited out and sent again with the same clOrdId: one order', async () => {
    const t = await rig();
    t.server.fail(PLACE, { kind: 'status', status: 429 }, 2, 'POST');
    const order = await t.executor.place(LIMIT, 'user:test');
    expect(order.state).toBe('OPEN');
    const ids = t.server
      .calls(PLACE)
      .map((r) => (JSON.parse(r.body) as Array<{ clOrdId: string }>)[0]?.clOrdId);
    expect(ids).toEqual([order.clientOrderId, order.clientOrderId, order.clientOrderId]);
    expect(venueOrders(t, order.clientOrderId)).toBe(1);
    expect(t.trouble.filter((r) => r.includes('rate limited'))).toHaveLength(2);
  });

  it('51016 duplicated clOrdId (the first attempt did arrive) is looked up, not placed again', async () => {
    const t = await rig();
    t.server.fail(PLACE, { kind: 'process-then', then: 429 }, 1, 'POST');
    const order = await t.executor.place(LIMIT, 'user:test');
    expect(order.state).toBe('OPEN');
    expect(venueOrders(t, order.clientOrderId)).toBe(1);
    expect(placements(t)).toEqual(['processed, then 429', '200']);
    // The retry was refused item by item (HTTP 200, sCode 51016): the account still holds the
    // one order, and the broker asked for it by our clOrdId instead of failing the order.
    expect(t.server.account.spot.orders).toHaveLength(1);
    const answered = t.server.calls('/api/v5/trade/order').filter((r) => r.method === 'GET');
    expect(answered.map((r) => r.query['clOrdId'])).toContain(order.clientOrderId);
  });

  it('the breaker opens after repeated 5xx: entries refused unsent, then a probe goes', async () => {
    const t = await rig();
    t.server.fail('/api/v5/trade/orders-pending', { kind: 'status', status: 503 }, 5);
    for (let i = 0; i < 5; i += 1)
      await expect(t.broker.openOrders()).rejects.toThrow('outcome unknown');
    const refused = await t.executor.place(LIMIT, 'user:test');
    expect(refused.state).toBe('EXPIRED');
    expect(refused.reason).toContain('circuit breaker open');
    expect(venueOrders(t, refused.clientOrderId)).toBe(0);
    t.clock.advance(30_000);
    const probe = await t.executor.place(LIMIT, 'user:test');
    expect(probe.state).toBe('OPEN');
  });

  it('fills arrive on the private websocket (login, orders); dropped mid-fill, each fill is booked once', async () => {
    const t = await rig({ userStream: true });
    const order = await t.executor.place(LIMIT, 'user:test');
    await expect.poll(() => t.server.privateStream.subscriberCount(), { timeout: 15_000 }).toBe(1);
    const venue = defined(
      t.server.account.spot.orders.find((o) => o.clientOrderId === order.clientOrderId),
      'order',
    );
    const restCalls = t.server.requests.length;
    t.server.account.spot.fillResting(venue, units('0.004'));
    await expect
      .poll(() => t.executor.view(order.clientOrderId).filledQty, { timeout: 15_000 })
      .toBe('0.004');
    // The stream alone delivered it: no REST call in between.
    expect(t.server.requests.length).toBe(restCalls);
    t.server.dropWebSockets();
    t.server.account.spot.fillResting(venue, units('0.006'));
    await expect.poll(() => t.server.privateStream.subscriberCount(), { timeout: 15_000 }).toBe(1);
    await t.executor.reconcile('test');
    expect(t.executor.view(order.clientOrderId).state).toBe('FILLED');
    const fills = t.ledger.fillsOfOrder('live:okx', order.clientOrderId);
    // The first came over the websocket (ccxt keeps OKX's negative fee there), the second by
    // REST; both book the fee paid.
    expect(fills.map((f) => [f.qty, f.fee])).toEqual([
      ['0.004', '0.000004'],
      ['0.006', '0.000006'],
    ]);
    expect(new Set(fills.map((f) => f.fillId)).size).toBe(2);
    expect(t.errors).toEqual([]);
  });

  it('a stop that fires at OKX while the stream listens: its order is resolved by REST at once, booked once', async () => {
    const t = await rig({ userStream: true });
    t.server.account.spot.deposit('BTC', '0.01');
    await t.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' },
      'user:test',
    );
    await expect.poll(() => t.server.privateStream.subscriberCount(), { timeout: 15_000 }).toBe(1);
    const stop = await t.executor.place(
      { symbol: 'BTC/USDT', side: 'sell', type: 'stop-market', qty: '0.01', stopPrice: '6200' },
      'user:test',
    );
    expect(stop.state).toBe('OPEN');
    // The fired algo's order is pushed with its algoId: which of our orders it is, only a REST
    // lookup of the algo says; the push asks for one, nobody reconciles by hand here.
    t.server.setPrice('BTC', 'USDT', 6190);
    await expect
      .poll(() => t.executor.view(stop.clientOrderId).state, { timeout: 15_000 })
      .toBe('FILLED');
    await t.executor.idle();
    expect(t.ledger.fillsOfOrder('live:okx', stop.clientOrderId).map((f) => f.qty)).toEqual([
      '0.01',
    ]);
    expect(t.errors).toEqual([]);
  });

  it('an OCO whose target fires while the stream listens: the fill is the target’s, the stop expires', async () => {
    const t = await rig({ userStream: true });
    await expect.poll(() => t.server.privateStream.subscriberCount(), { timeout: 15_000 }).toBe(1);
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
    await expect.poll(() => t.server.account.algos.length, { timeout: 15_000 }).toBe(1);
    const exits = t.executor
      .list(true)
      .filter((o) => o.parentClientOrderId === entry.clientOrderId);
    const target = defined(
      exits.find((o) => o.bracketRole === 'take-profit'),
      'target',
    );
    const stop = defined(
      exits.find((o) => o.bracketRole === 'stop-loss'),
      'stop',
    );
    // The two legs are one algo at OKX; its fill is pushed under the algo's id.
    t.server.setPrice('BTC', 'USDT', 6810);
    await expect
      .poll(() => t.executor.view(target.clientOrderId).state, { timeout: 15_000 })
      .toBe('FILLED');
    await expect
      .poll(() => t.executor.view(stop.clientOrderId).state, { timeout: 15_000 })
      .toBe('EXPIRED');
    await t.executor.idle();
    expect(t.ledger.fillsOfOrder('live:okx', target.clientOrderId).map((f) => f.qty)).toEqual([
      '0.00999',
    ]);
    expect(t.ledger.fillsOfOrder('live:okx', stop.clientOrderId)).toEqual([]);
    expect(t.errors).toEqual([]);
  });
});
