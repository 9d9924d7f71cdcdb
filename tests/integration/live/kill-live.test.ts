import { afterEach, describe, expect, it } from 'vitest';
import {
  buyAtMarket,
  placeBracketBuy,
  placeHundredOrders,
  startLiveKillRig,
  venueOpenOrders,
  type LiveKillRig,
} from '../../support/live-kill-rig';

const rigs: LiveKillRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.stop();
});

describe('the kill switch on a live venue (the local Binance, through ccxt)', () => {
  it('cancels 100 open orders over 10 markets, stops included, with 20% of calls failing', async () => {
    const rig = await startLiveKillRig();
    rigs.push(rig);
    await placeHundredOrders(rig);
    expect(venueOpenOrders(rig)).toBe(100);
    expect(rig.server.account.open().filter((o) => o.type === 'STOP_LOSS_LIMIT')).toHaveLength(20);
    // From here one call in five fails: 503s and 429s, seeded so a failure replays.
    rig.server.chaos(0.2, [503, 429, 502], 14);
    const handle = rig.risk.triggerKill({ actor: 'user:test', reason: 'test', flatten: false });
    // The latch is synchronous: HALTED before the first request leaves.
    expect(rig.risk.control.mode).toBe('HALTED');
    const done = await handle.done;
    expect(done.phase).toBe('done');
    expect(venueOpenOrders(rig)).toBe(0);
    expect(rig.server.chaosFailures).toBeGreaterThan(0);
    // Cancelling went market by market (one request each), and order by order where that failed.
    expect(
      rig.server.calls('/api/v3/openOrders').filter((r) => r.method === 'DELETE').length,
    ).toBeGreaterThanOrEqual(10);
  });

  it('a flatten kill sells every position once and leaves no order, with 20% of calls failing', async () => {
    const rig = await startLiveKillRig();
    rigs.push(rig);
    const held = ['BTC/USDT', 'ETH/USDT', 'ETH/BTC'];
    for (const symbol of held) await buyAtMarket(rig, symbol);
    await placeHundredOrders(rig);
    const book = (): Map<string, string> =>
      new Map(rig.ledger.positions('live:binance').map((p) => [p.symbol, p.qty]));
    expect([...book().keys()].sort()).toEqual([...held].sort());
    const sellsBefore = rig.server.account.trades.filter((t) => t.side === 'SELL').length;
    rig.server.chaos(0.2, [503, 429, 502], 27);
    const done = await rig.risk.triggerKill({ actor: 'user:test', reason: 'test', flatten: true })
      .done;
    expect(done.phase).toBe('done');
    expect(rig.risk.control.mode).toBe('HALTED');
    expect(venueOpenOrders(rig)).toBe(0);
    expect(rig.server.chaosFailures).toBeGreaterThan(0);
    // Flat in the ledger, never short: each position sold once, by the kill, down to the dust
    // under one quantity step that the exchange cannot sell (the buy's fee was taken in base).
    for (const symbol of held) {
      const left = Number(book().get(symbol) ?? '0');
      const step = Number(rig.broker.markets().find((m) => m.symbol === symbol)?.stepSize);
      expect(left).toBeGreaterThanOrEqual(0);
      expect(left).toBeLessThan(step);
    }
    const killSells = rig.server.account.trades.filter((t) => t.side === 'SELL').slice(sellsBefore);
    expect(new Set(killSells.map((t) => t.symbol))).toEqual(
      new Set(['BTCUSDT', 'ETHUSDT', 'ETHBTC']),
    );
  });

  it("a bracket's exits still on their way to the exchange when the kill fires are cancelled too, and the report is true", async () => {
    const rig = await startLiveKillRig();
    rigs.push(rig);
    const errors: unknown[] = [];
    rig.executor.observe({ error: (e) => errors.push(e) });
    // The exits' order list reaches the exchange, which takes it in only when released.
    let releaseExits: () => void = () => {};
    let exitsArrived: () => void = () => {};
    const exitsAtExchange = new Promise<void>((resolve) => (exitsArrived = resolve));
    rig.server.fail(
      '/api/v3/orderList/oco',
      {
        kind: 'hold',
        release: new Promise<void>((resolve) => (releaseExits = resolve)),
        arrived: exitsArrived,
      },
      1,
      'POST',
    );
    const entry = await placeBracketBuy(rig, 'BTC/USDT', 0.9, 1.1);
    // No user stream here: the fill is booked when the executor asks, and the exits go out.
    const booked = rig.executor.reconcile('test');
    await exitsAtExchange;
    expect(venueOpenOrders(rig)).toBe(0);

    const handle = rig.risk.triggerKill({ actor: 'user:test', reason: 'test', flatten: false });
    expect(rig.risk.control.mode).toBe('HALTED');
    // The kill's first pass lists the exchange's open orders (none yet) and asks again; the
    // exchange takes the exits in just after answering that second question.
    const passThrough = { kind: 'hold', release: Promise.resolve() } as const;
    rig.server.fail('/api/v3/openOrders', passThrough, 1, 'GET');
    rig.server.fail('/api/v3/openOrders', { ...passThrough, answered: releaseExits }, 1, 'GET');
    const done = await handle.done;
    await booked;
    expect(done.phase).toBe('done');
    // Nothing open at the exchange, by its own count, and the kill's report says the same.
    expect(venueOpenOrders(rig)).toBe(0);
    const steps = rig.store.db
      .prepare(
        "SELECT payload FROM audit_log WHERE kind IN ('kill.step', 'kill.completed') ORDER BY seq",
      )
      .all() as Array<{ payload: string }>;
    expect(steps.map((r) => JSON.parse(r.payload) as Record<string, unknown>)).toMatchObject([
      { attempt: 1, inFlight: 2, openOrders: 0 },
      { attempt: 2, inFlight: 0, cancelled: 2, openOrders: 0 },
      { attempts: 2, openOrders: 0 },
    ]);
    // Asked again, the executor finds both legs CANCELED, as the exchange does: no anomaly.
    await rig.executor.reconcile('test');
    const legs = rig.executor
      .list(false)
      .filter((o) => o.parentClientOrderId === entry)
      .map((o) => o.state);
    expect(legs).toEqual(['CANCELED', 'CANCELED']);
    expect(
      rig.store.db.prepare("SELECT payload FROM audit_log WHERE kind = 'order.anomaly'").all(),
    ).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('an exit placed as the kill began, whose placement is answered only after the kill cancelled it, is not called a disagreement with the venue', async () => {
    const rig = await startLiveKillRig({ userStream: true });
    rigs.push(rig);
    const errors: unknown[] = [];
    rig.executor.observe({ error: (e) => errors.push(e) });
    await expect.poll(() => rig.server.userStreamClients(), { timeout: 15_000 }).toBe(1);
    // The exchange takes the exits' order list in at once (its stream reports both legs), but
    // the answer to the placement comes back only when released.
    let releaseAnswer: () => void = () => {};
    rig.server.fail(
      '/api/v3/orderList/oco',
      {
        kind: 'hold',
        answer: 'held',
        release: new Promise<void>((resolve) => (releaseAnswer = resolve)),
      },
      1,
      'POST',
    );
    const entry = await placeBracketBuy(rig, 'BTC/USDT', 0.9, 1.1);
    const legs = (): string[] =>
      rig.executor
        .list(false)
        .filter((o) => o.parentClientOrderId === entry)
        .map((o) => o.state);
    await expect.poll(legs, { timeout: 15_000 }).toEqual(['OPEN', 'OPEN']);
    expect(venueOpenOrders(rig)).toBe(2);

    const handle = rig.risk.triggerKill({ actor: 'user:test', reason: 'test', flatten: false });
    // The kill lists and cancels both legs (the stream says CANCELED) and asks again; the
    // placement's answer, saying NEW, arrives just after that.
    const passThrough = { kind: 'hold', release: Promise.resolve() } as const;
    rig.server.fail('/api/v3/openOrders', passThrough, 1, 'GET');
    rig.server.fail('/api/v3/openOrders', { ...passThrough, answered: releaseAnswer }, 1, 'GET');
    const done = await handle.done;
    await rig.executor.idle();
    expect(done.phase).toBe('done');
    expect(venueOpenOrders(rig)).toBe(0);
    await expect.poll(legs, { timeout: 15_000 }).toEqual(['CANCELED', 'CANCELED']);
    // The late answer is older news than the stream's CANCELED: audited as such, no anomaly.
    const outdated = rig.store.db
      .prepare("SELECT payload FROM audit_log WHERE kind = 'order.ack_outdated'")
      .all() as Array<{ payload: string }>;
    expect(outdated.map((r) => JSON.parse(r.payload) as Record<string, unknown>)).toMatchObject([
      { acknowledged: 'OPEN', venueNow: 'CANCELED' },
      { acknowledged: 'OPEN', venueNow: 'CANCELED' },
    ]);
    expect(
      rig.store.db.prepare("SELECT payload FROM audit_log WHERE kind = 'order.anomaly'").all(),
    ).toEqual([]);
    expect(errors).toEqual([]);
  });
});
