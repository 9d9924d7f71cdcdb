import { describe, expect, it } from 'vitest';
import {
  at,
  feedBtcMinute,
  loadCandles,
  makeRig,
  type ExecutionRig,
} from '../../../support/execution-fixture';

const BTC = loadCandles('binance_BTC-USDT_1m.csv');
const MIN = 60_000;

/** A rig whose clock stands at the close of bar `i` (that bar already seen by the venue). */
function rigAt(i: number, options: Parameters<typeof makeRig>[0] = {}): ExecutionRig {
  const rig = makeRig({ start: at(BTC, i).openTime, startingBalance: '1000000', ...options });
  feedBtcMinute(rig, at(BTC, i));
  return rig;
}

/** Expected taker buy price per fill-model.ts, computed independently in cents. */
function expectedBuyCents(open: number, qty: number, volume: number): number {
  const fraction = 0.0001 + 0.01 * Math.sqrt(qty / volume);
  const openCents = Math.round(open * 100);
  return openCents + Math.ceil(openCents * fraction);
}

describe('paper fills on real BTC/USDT 1m candles', () => {
  it('a large market order moves the fill price by the documented square-root impact', async () => {
    const i = BTC.findIndex((b, k) => k > 0 && b.volume > 40); // a busy minute
    const next = at(BTC, i + 1);
    const small = rigAt(i);
    const big = rigAt(i);
    const bigQty = Math.floor(next.volume * 0.08 * 1e5) / 1e5; // 8% of the bar, under the 10% cap
    const a = await small.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.001' },
      't',
    );
    const b = await big.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: bigQty.toFixed(5) },
      't',
    );
    feedBtcMinute(small, next);
    feedBtcMinute(big, next);
    const smallFill = at(small.ledger.fillsOfOrder('paper', a.clientOrderId), 0);
    const bigFill = at(big.ledger.fillsOfOrder('paper', b.clientOrderId), 0);
    expect(Math.round(Number(smallFill.price) * 100)).toBe(
      expectedBuyCents(next.open, 0.001, next.volume),
    );
    expect(Math.round(Number(bigFill.price) * 100)).toBe(
      expectedBuyCents(next.open, bigQty, next.volume),
    );
    // impact 0.01 * sqrt(0.08) = 28.3 bps on top of the half spread
    const moveBps = ((Number(bigFill.price) - next.open) / next.open) * 10_000;
    expect(moveBps).toBeGreaterThan(28.3);
    expect(moveBps).toBeLessThan(29.6);
    expect(bigFill.liquidity).toBe('taker');
    // taker fee 0.1%, rounded up at 8 decimals
    expect(Number(bigFill.fee)).toBeCloseTo(Number(bigFill.notional) * 0.001, 7);
  });

  it('a partial fill rests and completes on later bars, capped at 10% of each bar', async () => {
    const i = 10;
    const rig = rigAt(i);
    const caps = [1, 2, 3].map((k) => Math.floor(at(BTC, i + k).volume * 0.1 * 1e5));
    const qtyUnits = at(caps, 0) + at(caps, 1) + Math.floor(at(caps, 2) / 2);
    const o = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: (qtyUnits / 1e5).toFixed(5) },
      't',
    );
    feedBtcMinute(rig, at(BTC, i + 1));
    expect(rig.executor.view(o.clientOrderId)).toMatchObject({
      state: 'PARTIALLY_FILLED',
      filledQty: (at(caps, 0) / 1e5).toString(),
    });
    feedBtcMinute(rig, at(BTC, i + 2));
    expect(rig.executor.view(o.clientOrderId).state).toBe('PARTIALLY_FILLED');
    feedBtcMinute(rig, at(BTC, i + 3));
    const done = rig.executor.view(o.clientOrderId);
    expect(done.state).toBe('FILLED');
    expect(done.filledQty).toBe((qtyUnits / 1e5).toString());
    const fills = rig.ledger.fillsOfOrder('paper', o.clientOrderId);
    expect(fills.map((f) => Math.round(Number(f.qty) * 1e5))).toEqual([
      caps[0],
      caps[1],
      qtyUnits - at(caps, 0) - at(caps, 1),
    ]);
    // each piece priced at its own bar's open
    fills.forEach((f, k) =>
      expect(Number(f.price)).toBeGreaterThanOrEqual(at(BTC, i + 1 + k).open),
    );
  });

  it('a bracket entry that fills in parts has its filled part under a stop after every part', async () => {
    const i = 10;
    const rig = rigAt(i);
    const caps = [1, 2, 3].map((k) => Math.floor(at(BTC, i + k).volume * 0.1 * 1e5));
    const qtyUnits = at(caps, 0) + at(caps, 1) + Math.floor(at(caps, 2) / 2);
    const last = at(BTC, i).close;
    const entry = await rig.executor.place(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'market',
        qty: (qtyUnits / 1e5).toFixed(5),
        bracket: { stopLoss: (last * 0.9).toFixed(2), takeProfit: (last * 1.1).toFixed(2) },
      },
      't',
    );
    /** Working exits of the entry in one role, oldest first: the quantities they cover. */
    const working = (role: string): number[] =>
      rig.executor
        .list(true)
        .filter((o) => o.parentClientOrderId === entry.clientOrderId && o.bracketRole === role)
        .map((o) => Math.round(Number(o.qty) * 1e5))
        .reverse();
    const filledUnits = (): number =>
      Math.round(Number(rig.executor.view(entry.clientOrderId).filledQty) * 1e5);
    feedBtcMinute(rig, at(BTC, i + 1));
    await rig.executor.idle();
    expect(rig.executor.view(entry.clientOrderId).state).toBe('PARTIALLY_FILLED');
    // The first part rests under its stop while the rest of the entry still works.
    expect(working('stop-loss')).toEqual([caps[0]]);
    expect(working('take-profit')).toEqual([caps[0]]);
    feedBtcMinute(rig, at(BTC, i + 2));
    await rig.executor.idle();
    expect(working('stop-loss')).toEqual([caps[0], caps[1]]);
    feedBtcMinute(rig, at(BTC, i + 3));
    await rig.executor.idle();
    expect(rig.executor.view(entry.clientOrderId).state).toBe('FILLED');
    const stops = working('stop-loss');
    expect(stops.reduce((a, b) => a + b, 0)).toBe(filledUnits());
    expect(stops).toHaveLength(3);
    // Each part's pair is its own one-cancels-other group.
    const groups = rig.executor
      .list(true)
      .filter((o) => o.parentClientOrderId === entry.clientOrderId)
      .map((o) => o.ocoGroup);
    expect(new Set(groups).size).toBe(3);
    expect(rig.ledger.positions('paper')[0]?.qty).toBe((qtyUnits / 1e5).toString());
  });

  it('a bracket whose stop and target are both inside one bar fills the stop and cancels the target', async () => {
    // Find a bar k+2 wide enough to hold both exits, with the entry filled at bar k+1.
    const k = BTC.findIndex(
      (b, n) => n > 5 && BTC[n + 2] !== undefined && at(BTC, n + 2).high - at(BTC, n + 2).low > 6,
    );
    const wide = at(BTC, k + 2);
    const rig = rigAt(k);
    const stop = (Math.round(wide.low * 100) + 100) / 100; // 1.00 above the low
    const target = (Math.round(wide.high * 100) - 100) / 100; // 1.00 below the high
    const entry = await rig.executor.place(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'market',
        qty: '0.01',
        bracket: { stopLoss: stop.toFixed(2), takeProfit: target.toFixed(2) },
      },
      't',
    );
    feedBtcMinute(rig, at(BTC, k + 1));
    await rig.executor.idle();
    const exits = rig.executor
      .list(false)
      .filter((o) => o.parentClientOrderId === entry.clientOrderId);
    expect(exits.map((o) => [o.bracketRole, o.state])).toEqual([
      ['take-profit', 'OPEN'],
      ['stop-loss', 'OPEN'],
    ]);
    feedBtcMinute(rig, wide);
    await rig.executor.idle();
    const after = Object.fromEntries(
      rig.executor
        .list(false)
        .filter((o) => o.parentClientOrderId === entry.clientOrderId)
        .map((o) => [o.bracketRole, o]),
    );
    expect(after['stop-loss']?.state).toBe('FILLED');
    expect(after['take-profit']?.state).toBe('CANCELED');
    expect(after['take-profit']?.reason).toContain('OCO');
    expect(rig.ledger.positions('paper')[0]?.qty).toBe('0');
  });

  it('across many real bars, no bracket ever fills both its stop and its target', async () => {
    const rig = rigAt(0, { startingBalance: '10000000' });
    const entries: string[] = [];
    for (let i = 1; i < 600; i += 1) {
      const bar = at(BTC, i);
      if (i % 7 === 0) {
        const c = Math.round(bar.close * 100);
        const width = 150 + (i % 5) * 120; // 1.50 .. 6.30 each side
        const o = await rig.executor.place(
          {
            symbol: 'BTC/USDT',
            side: 'buy',
            type: 'market',
            qty: '0.002',
            bracket: {
              stopLoss: ((c - width) / 100).toFixed(2),
              takeProfit: ((c + width) / 100).toFixed(2),
            },
          },
          't',
        );
        entries.push(o.clientOrderId);
      }
      feedBtcMinute(rig, at(BTC, i + 1));
      await rig.executor.idle();
    }
    let resolved = 0;
    for (const id of entries) {
      const exits = rig.executor.list(false, 10_000).filter((o) => o.parentClientOrderId === id);
      const filled = exits.filter(
        (o) => rig.ledger.fillsOfOrder('paper', o.clientOrderId).length > 0,
      );
      expect(filled.length).toBeLessThanOrEqual(1);
      if (filled.length === 1) resolved += 1;
    }
    expect(resolved).toBeGreaterThan(40); // the property was exercised, not vacuous
  });

  it('rejects a sub-minimum-notional order naming the rule, the value and the limit', async () => {
    const rig = rigAt(3);
    const o = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '6000', qty: '0.0008' },
      't',
    );
    expect(o.state).toBe('REJECTED');
    // A market rule in words, not a Binance code: the same on every venue.
    expect(o.reason).toBe(
      "paper: order value 4.8 USDT is below BTC/USDT's minimum order value 5 USDT",
    );
    const m = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.0005' },
      't',
    );
    expect(m.reason).toMatch(
      /^paper: order value [\d.]+ USDT is below BTC\/USDT's minimum order value 5 USDT$/,
    );
  });

  it('rejects off-grid prices and quantities naming the rule, the value and the limit', async () => {
    const rig = rigAt(3);
    const badTick = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '6000.001', qty: '0.01' },
      't',
    );
    expect(badTick.reason).toBe(
      "paper: price 6000.001 is not a multiple of BTC/USDT's tick size 0.01",
    );
    const badStep = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '6000', qty: '0.000015' },
      't',
    );
    expect(badStep.reason).toBe(
      "paper: quantity 0.000015 is not a multiple of BTC/USDT's step size 0.00001",
    );
    const broke = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '1000' },
      't',
    );
    // No exchange code: the cost (fill price, impact and taker fee, rounded up) and what is free.
    expect(broke.reason).toBe(
      'paper: buying 1000 BTC/USDT needs 6406369.97 USDT, the account has 1000000 USDT free',
    );
    const flat = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.01', reduceOnly: true },
      't',
    );
    expect(flat.reason).toBe(
      'paper: a reduce-only sell of 0.01 BTC/USDT would not reduce the position: there is no position',
    );
  });

  it("refuses the venue's own way in words: unknown market, a missing price, a cancel of no open order", async () => {
    const rig = rigAt(3);
    const base = { clientOrderId: 'w1', side: 'buy', qty: '0.01', stopPrice: null } as const;
    const order = {
      ...base,
      symbol: 'BTC/USDT',
      type: 'limit',
      price: null,
      timeInForce: 'GTC',
      reduceOnly: false,
      ocoGroup: null,
    } as const;
    await expect(rig.broker.submit({ ...order, symbol: 'DOGE/XYZ' })).rejects.toThrow(
      'paper: DOGE/XYZ is not a market on the paper venue',
    );
    await expect(rig.broker.submit({ ...order, clientOrderId: 'w2' })).rejects.toThrow(
      'paper: a limit order needs a limit price',
    );
    await expect(rig.broker.cancel('nosuchorder1')).rejects.toThrow(
      'paper: no order nosuchorder1 on the paper venue to cancel',
    );
    // The refused order is recorded as the venue's REJECTED: cancelling it names its state.
    await expect(rig.broker.cancel('w2')).rejects.toThrow(
      'paper: order w2 is rejected, not open: nothing to cancel',
    );
    await expect(
      rig.broker.submit({ ...order, clientOrderId: 'w2', price: '6000' }),
    ).rejects.toThrow(
      'paper: an order with this client id is already on the paper venue; the first one stands',
    );
  });

  it('a limit fills only when traded through (a touch is not a fill unless configured)', async () => {
    // Find a bar whose low is strictly above every later low for a few bars is not needed:
    // we test one bar alone with the limit exactly at its low.
    const i = 20;
    const bar = at(BTC, i + 1);
    for (const touchFills of [false, true]) {
      const rig = rigAt(i, { paper: { fillModel: { touchFills } } });
      const price = bar.low.toFixed(2);
      const o = await rig.executor.place(
        { symbol: 'BTC/USDT', side: 'buy', type: 'limit', price, qty: '0.01' },
        't',
      );
      feedBtcMinute(rig, bar);
      const v = rig.executor.view(o.clientOrderId);
      expect(v.state).toBe(touchFills ? 'FILLED' : 'OPEN');
      if (touchFills) {
        const f = at(rig.ledger.fillsOfOrder('paper', o.clientOrderId), 0);
        expect(f).toMatchObject({ price: price.replace(/\.?0+$/, ''), liquidity: 'maker' });
      }
    }
    // Traded through: a limit one cent above the low fills at the limit, as maker.
    const rig = rigAt(i);
    const through = (Math.round(bar.low * 100) + 1) / 100;
    const o = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: through.toFixed(2), qty: '0.01' },
      't',
    );
    feedBtcMinute(rig, bar);
    expect(rig.ledger.fillsOfOrder('paper', o.clientOrderId)[0]).toMatchObject({
      price: String(through),
      liquidity: 'maker',
    });
  });

  it('an IOC limit that is not marketable expires after its first bar', async () => {
    const rig = rigAt(30);
    const far = (Math.round(at(BTC, 31).low * 100) - 5000) / 100;
    const o = await rig.executor.place(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        price: far.toFixed(2),
        qty: '0.01',
        timeInForce: 'IOC',
      },
      't',
    );
    feedBtcMinute(rig, at(BTC, 31));
    expect(rig.executor.view(o.clientOrderId)).toMatchObject({
      state: 'EXPIRED',
      reason: 'IOC: remainder expired',
    });
  });

  it('latency: an order the venue accepts after the next bar opened waits for the bar after', async () => {
    const rig = rigAt(40, { paper: { latencyMs: 90_000 } });
    const o = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' },
      't',
    );
    feedBtcMinute(rig, at(BTC, 41));
    expect(rig.executor.view(o.clientOrderId).state).toBe('OPEN');
    feedBtcMinute(rig, at(BTC, 42));
    feedBtcMinute(rig, at(BTC, 43));
    const f = at(rig.ledger.fillsOfOrder('paper', o.clientOrderId), 0);
    expect(Number(f.price)).toBeGreaterThanOrEqual(at(BTC, 43).open);
    expect(f.at).toBe(at(BTC, 43).openTime + MIN);
  });

  it('a sell stop-market triggers on the low and fills at the stop less costs (or the open on a gap)', async () => {
    const i = 50;
    const rig = rigAt(i);
    await rig.executor.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.05' }, 't');
    feedBtcMinute(rig, at(BTC, i + 1));
    const nxt = at(BTC, i + 2);
    const stopCents = Math.round(nxt.low * 100) + 50;
    const s = await rig.executor.place(
      {
        symbol: 'BTC/USDT',
        side: 'sell',
        type: 'stop-market',
        stopPrice: (stopCents / 100).toFixed(2),
        qty: '0.05',
        reduceOnly: true,
      },
      't',
    );
    feedBtcMinute(rig, nxt);
    const f = at(rig.ledger.fillsOfOrder('paper', s.clientOrderId), 0);
    const ref = Math.min(stopCents, Math.round(nxt.open * 100));
    expect(Math.round(Number(f.price) * 100)).toBeLessThan(ref);
    expect(Math.round(Number(f.price) * 100)).toBeGreaterThan(ref * 0.997);
  });

  it('paper reset: refused with an open position, then audited and followed by the ledger', async () => {
    const rig = rigAt(60);
    await rig.executor.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' }, 't');
    feedBtcMinute(rig, at(BTC, 61));
    expect(() => rig.broker.resetAccount('5000', 'user:test', 'again')).toThrow(
      'close open positions first',
    );
    await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.01', reduceOnly: true },
      't',
    );
    feedBtcMinute(rig, at(BTC, 62));
    const r = rig.broker.resetAccount('5000', 'user:test', 'fresh start');
    expect(r.newBalance).toBe('5000');
    const balances = await rig.broker.balances();
    expect(balances[0]).toMatchObject({ asset: 'USDT', total: '5000', free: '5000' });
  });
  it('applies each bar once and refuses a second timeframe for the same symbol', () => {
    const rig = rigAt(70);
    expect(rig.broker.onBar('BTC/USDT', at(BTC, 70), '1m')).toEqual([]); // a replayed bar is ignored
    expect(() => rig.broker.onBar('BTC/USDT', at(BTC, 71), '5m')).toThrow(
      'paper venue: BTC/USDT is fed 1m bars; refusing a 5m bar',
    );
  });
  it('a stop-limit triggers in one bar and fills as a limit only from the next bar on', async () => {
    // Find a bar that rises through a level and a later bar that trades back below it.
    const k = BTC.findIndex(
      (b, n) =>
        n > 100 &&
        n + 3 < BTC.length &&
        at(BTC, n + 2).high > b.close + 2 &&
        at(BTC, n + 3).low < b.close + 1.5,
    );
    const rig = rigAt(k);
    const trigger = (Math.round(at(BTC, k).close * 100) + 100) / 100;
    const limitPx = (Math.round(at(BTC, k).close * 100) + 150) / 100;
    const o = await rig.executor.place(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'stop-limit',
        stopPrice: trigger.toFixed(2),
        price: limitPx.toFixed(2),
        qty: '0.01',
      },
      't',
    );
    feedBtcMinute(rig, at(BTC, k + 1));
    feedBtcMinute(rig, at(BTC, k + 2)); // trigger bar at the latest: no fill in it
    const afterTrigger = rig.ledger.fillsOfOrder('paper', o.clientOrderId);
    const triggeredAt = at(BTC, k + 1).high >= trigger ? k + 1 : k + 2;
    if (triggeredAt === k + 2) expect(afterTrigger).toEqual([]);
    feedBtcMinute(rig, at(BTC, k + 3));
    const fills = rig.ledger.fillsOfOrder('paper', o.clientOrderId);
    expect(fills.length).toBeGreaterThan(0);
    const first = at(fills, 0);
    expect(Number(first.price)).toBeLessThanOrEqual(limitPx);
    expect(first.at).toBeGreaterThan(at(BTC, triggeredAt).openTime + MIN);
    // A resting limit fill pays the maker fee: 0.1% of the notional, rounded up at 8 places.
    if (first.liquidity === 'maker') {
      expect(Number(first.fee)).toBeCloseTo(Number(first.notional) * 0.001, 8);
    }
  });
});

describe('paper fills when no bar is coming', () => {
  it('a market order fills at once against the last close, plus half spread and impact', async () => {
    const i = 20;
    let coming = false;
    const rig = rigAt(i, { paper: { barsComing: () => coming } });
    const last = at(BTC, i);
    const order = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' },
      't',
    );
    // The venue's answer is already final: no bar was needed.
    expect(order.state).toBe('FILLED');
    const [fill] = rig.ledger.fillsOfOrder('paper', order.clientOrderId);
    expect(Math.round(Number(fill?.price) * 100)).toBe(
      expectedBuyCents(last.close, 0.01, last.volume),
    );
    expect(fill?.at).toBe(rig.clock.now());
    // Limits still wait for a bar that trades through them.
    const resting = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '5000', qty: '0.01' },
      't',
    );
    expect(resting.state).toBe('OPEN');
    coming = true;
    const queued = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.01', reduceOnly: true },
      't',
    );
    expect(queued.state).toBe('OPEN');
    // The replay pauses before the next bar: the resting market order fills at the last price.
    coming = false;
    expect(rig.broker.settleAtLastPrice()).toHaveLength(1);
    await rig.executor.idle();
    expect(rig.executor.view(queued.clientOrderId).state).toBe('FILLED');
    expect(rig.executor.view(resting.clientOrderId).state).toBe('OPEN');
    expect(await rig.broker.positions()).toEqual([]);
    const anomalies = rig.store.db
      .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'order.anomaly'")
      .get();
    expect(anomalies).toEqual({ n: 0 });
  });

  it('with bars coming, a market order waits for the next bar as before', async () => {
    const rig = rigAt(30, { paper: { barsComing: () => true } });
    const order = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' },
      't',
    );
    expect(order.state).toBe('OPEN');
    expect(rig.broker.settleAtLastPrice()).toEqual([]);
    feedBtcMinute(rig, at(BTC, 31));
    expect(rig.executor.view(order.clientOrderId).state).toBe('FILLED');
  });
});
