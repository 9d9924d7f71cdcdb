import { afterEach, describe, expect, it } from 'vitest';
import { units } from '../../support/binance-spot-account';
import { defined } from '../../support/defined';
import { startLiveRig, type LiveRig } from '../../support/live-broker-rig';

const rigs: LiveRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.stop();
});

async function rig(options: Parameters<typeof startLiveRig>[0] = {}): Promise<LiveRig> {
  const r = await startLiveRig(options);
  rigs.push(r);
  return r;
}

describe('CcxtBroker on Binance spot, through ccxt, against the local exchange', () => {
  it('places a limit order under our client id; partial fill, fill, each fill booked once', async () => {
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
    const venue = t.server.account.byClientId('BTCUSDT', placed.clientOrderId);
    expect(venue).toMatchObject({ type: 'LIMIT', status: 'NEW', price: units('6000') });
    // ccxt sent our id in Binance's own field, not one of its own.
    const sent = t.server.calls('/api/v3/order').filter((r) => r.method === 'POST');
    expect(sent).toHaveLength(1);
    expect(new URLSearchParams(sent[0]?.body).get('newClientOrderId')).toBe(placed.clientOrderId);

    t.server.account.fillResting(defined(venue, 'venue order'), units('0.004'));
    await t.executor.reconcile('test');
    expect(t.executor.view(placed.clientOrderId)).toMatchObject({
      state: 'PARTIALLY_FILLED',
      filledQty: '0.004',
    });
    t.server.account.fillResting(defined(venue, 'venue order'), units('0.006'));
    await t.executor.reconcile('test');
    await t.executor.reconcile('test');
    expect(t.executor.view(placed.clientOrderId)).toMatchObject({
      state: 'FILLED',
      filledQty: '0.01',
    });
    const fills = t.ledger.fillsOfOrder('live:binance', placed.clientOrderId);
    expect(fills.map((f) => [f.qty, f.price, f.fee, f.feeAsset, f.liquidity])).toEqual([
      ['0.004', '6000', '0.000004', 'BTC', 'maker'],
      ['0.006', '6000', '0.000006', 'BTC', 'maker'],
    ]);
    expect(t.errors).toEqual([]);
  });

  it('a market order fills at the touch; its ack says FILLED and the fill is booked', async () => {
    const t = await rig();
    const quote = defined(t.server.quoteUnits('ETHUSDT'), 'quote');
    const order = await t.executor.place(
      { symbol: 'ETH/USDT', side: 'buy', type: 'market', qty: '0.5' },
      'user:test',
    );
    await t.executor.idle();
    expect(t.executor.view(order.clientOrderId)).toMatchObject({
      state: 'FILLED',
      filledQty: '0.5',
    });
    const [fill] = t.ledger.fillsOfOrder('live:binance', order.clientOrderId);
    expect(units(defined(fill, 'fill').price)).toBe(quote.ask);
    expect(t.ledger.positions('live:binance').find((p) => p.symbol === 'ETH/USDT')?.qty).toBe(
      '0.4995',
    );
  });

  it('cancel: the venue cancels it and the order is CANCELED', async () => {
    const t = await rig();
    const o = await t.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.01', price: '6000' },
      'user:test',
    );
    const canceled = await t.executor.cancel(o.clientOrderId, 'user:test');
    expect(canceled.state).toBe('CANCELED');
    expect(t.server.account.byClientId('BTCUSDT', o.clientOrderId)?.status).toBe('CANCELED');
  });

  it('an order off the market’s rules is refused before sending, in words; an exchange reject keeps its code and message', async () => {
    const t = await rig();
    const o = await t.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.000001', price: '6000' },
      'user:test',
    );
    expect(o.state).toBe('REJECTED');
    expect(o.reason).toBe(
      "binance: quantity 0.000001 is not a multiple of BTC/USDT's step size 0.00001",
    );
    expect(t.server.account.byClientId('BTCUSDT', o.clientOrderId)).toBeUndefined();
    const broke = await t.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '5', price: '6000' },
      'user:test',
    );
    expect(broke.state).toBe('REJECTED');
    expect(broke.reason).toContain('Account has insufficient balance for requested action.');
  });

  it('a bracket: the entry fills, its exits rest at the venue as one OCO list, the stop fires on a drop', async () => {
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
    await t.executor.idle();
    expect(t.executor.view(entry.clientOrderId).state).toBe('FILLED');
    const exits = t.executor
      .list(true)
      .filter((o) => o.parentClientOrderId === entry.clientOrderId)
      .sort((a, b) => a.clientOrderId.localeCompare(b.clientOrderId));
    expect(exits.map((o) => [o.bracketRole, o.state, o.qty])).toEqual([
      ['stop-loss', 'OPEN', '0.00999'],
      ['take-profit', 'OPEN', '0.00999'],
    ]);
    const resting = t.server.account.open('BTCUSDT');
    expect(resting.map((o) => [o.type, o.stopPrice, o.price, o.orderListId !== -1])).toEqual([
      ['STOP_LOSS_LIMIT', units('6200'), units('6169'), true],
      ['LIMIT_MAKER', 0n, units('6800'), true],
    ]);
    // The price falls through the stop (within its limit): it triggers and fills, and the
    // target expires with it.
    t.server.setPrice('BTC', 'USDT', 6190);
    await t.executor.reconcile('test');
    await t.executor.reconcile('test');
    const [stop, target] = exits.map((o) => t.executor.view(o.clientOrderId));
    expect(stop?.state).toBe('FILLED');
    expect(target?.state).toBe('EXPIRED');
    expect(t.server.account.open('BTCUSDT')).toEqual([]);
    expect(t.errors).toEqual([]);
  });

  it('a limit bracket entry that fills in parts is protected as it fills: an OCO list per part at Binance, a part under the minimum folded in', async () => {
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
    const venue = defined(t.server.account.byClientId('BTCUSDT', entry.clientOrderId), 'entry');
    /** Sells resting at the exchange: [type, quantity, in an OCO list]. */
    const resting = (): Array<[string, string, boolean]> =>
      t.server.account
        .open('BTCUSDT')
        .filter((o) => o.side === 'SELL')
        .map((o) => [o.type, (Number(o.qty) / 1e8).toFixed(5), o.orderListId !== -1]);
    const fillAndSync = async (qty: string): Promise<void> => {
      t.server.account.fillResting(venue, units(qty));
      await t.executor.reconcile('test');
      await t.executor.idle();
    };

    // 0.004 fills; Binance takes 0.000004 BTC of it as the fee: 0.00399 (on the step) is held,
    // and rests under its stop at once while the other 0.006 of the entry still works.
    await fillAndSync('0.004');
    expect(t.executor.view(entry.clientOrderId).state).toBe('PARTIALLY_FILLED');
    expect(resting()).toEqual([
      ['STOP_LOSS_LIMIT', '0.00399', true],
      ['LIMIT_MAKER', '0.00399', true],
    ]);
    // The next part gets a pair of its own: the first one is never left, nor canceled.
    await fillAndSync('0.0059');
    expect(resting()).toEqual([
      ['STOP_LOSS_LIMIT', '0.00399', true],
      ['LIMIT_MAKER', '0.00399', true],
      ['STOP_LOSS_LIMIT', '0.00590', true],
      ['LIMIT_MAKER', '0.00590', true],
    ]);
    // The last 0.0001 (0.60 USDT) is under Binance's minimum notional alone: the newest pair is
    // amended to cover it (canceled, then one list for both), audited.
    await fillAndSync('0.0001');
    expect(t.executor.view(entry.clientOrderId).state).toBe('FILLED');
    expect(resting()).toEqual([
      ['STOP_LOSS_LIMIT', '0.00399', true],
      ['LIMIT_MAKER', '0.00399', true],
      ['STOP_LOSS_LIMIT', '0.00600', true],
      ['LIMIT_MAKER', '0.00600', true],
    ]);
    const btc = t.server.account.balances().find((b) => b.asset === 'BTC');
    // Everything the entry left in the account (0.01 less 0.00001 of fees) rests under a stop.
    expect(Number(btc?.locked) / 1e8).toBe(0.00999);
    const amended = (
      t.store.db
        .prepare("SELECT payload FROM audit_log WHERE kind = 'order.bracket_amended'")
        .all() as Array<{ payload: string }>
    ).map((r) => JSON.parse(r.payload) as Record<string, unknown>);
    expect(amended).toEqual([
      expect.objectContaining({ entry: entry.clientOrderId, added: '0.0001', qty: '0.006' }),
    ]);

    // The price falls through the stop: both stops fire, the position is flat, nothing rests.
    t.server.setPrice('BTC', 'USDT', 5790);
    await t.executor.reconcile('test');
    await t.executor.reconcile('test');
    await t.executor.idle();
    expect(t.server.account.open('BTCUSDT')).toEqual([]);
    expect(t.ledger.positions('live:binance').find((p) => p.symbol === 'BTC/USDT')?.qty).toBe('0');
    expect(t.errors).toEqual([]);
  });

  it('an exit pair placed again (a moved stop) goes out as one OCO list, never as two sells the balance cannot hold', async () => {
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
    await t.executor.idle();
    const exits = t.executor
      .list(true)
      .filter((o) => o.parentClientOrderId === entry.clientOrderId);
    for (const o of exits) await t.executor.cancel(o.clientOrderId, 'user:test', 'moving the stop');
    expect(t.server.account.open('BTCUSDT')).toEqual([]);
    const placed = await t.executor.placeExitPair(
      {
        symbol: 'BTC/USDT',
        side: 'sell',
        qty: '0.00999',
        stopPrice: '6300',
        takeProfit: '6800',
        parentClientOrderId: entry.clientOrderId,
      },
      'user:test',
    );
    expect(placed.map((o) => [o.bracketRole, o.state])).toEqual([
      ['stop-loss', 'OPEN'],
      ['take-profit', 'OPEN'],
    ]);
    const resting = t.server.account.open('BTCUSDT');
    expect(resting.map((o) => o.type)).toEqual(['STOP_LOSS_LIMIT', 'LIMIT_MAKER']);
    // One list: both legs share it.
    expect(new Set(resting.map((o) => o.orderListId)).size).toBe(1);
    expect(resting[0]?.orderListId).not.toBe(-1);
    expect(t.errors).toEqual([]);
  });
});
