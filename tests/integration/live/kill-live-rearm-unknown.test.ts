import { afterEach, describe, expect, it } from 'vitest';
import { RearmRefusedError } from '../../../src-main/engine/kill/kill-switch';
import {
  priceAt,
  qtyFor,
  startLiveKillRig,
  venueOpenOrders,
  type LiveKillRig,
} from '../../support/live-kill-rig';

const rigs: LiveKillRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.stop();
});

function refusals(r: LiveKillRig): string[] {
  return (
    r.store.db
      .prepare("SELECT payload FROM audit_log WHERE kind = 'kill.rearm_refused' ORDER BY seq")
      .all() as Array<{ payload: string }>
  ).map((row) => (JSON.parse(row.payload) as { reason: string }).reason);
}

/** A BTC/USDT position from a market buy; the quantity held, down to the market's step. */
async function openPosition(r: LiveKillRig): Promise<string> {
  const qty = qtyFor(r, 'BTC/USDT', priceAt(r, 'BTC/USDT', 1));
  const entry = await r.executor.place(
    { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty },
    'user:test',
  );
  await r.executor.idle();
  expect(r.executor.view(entry.clientOrderId).state).toBe('FILLED');
  // The buy's fee was taken in BTC: what the book holds is a little less than was bought.
  const step = r.broker.markets().find((m) => m.symbol === 'BTC/USDT')?.stepSize ?? '1';
  const places = (step.split('.')[1] ?? '').length;
  const held = Number(r.ledger.positions('live:binance')[0]?.qty ?? '0');
  return (Math.floor(held / Number(step)) * Number(step)).toFixed(places);
}

describe('re-arm waits for every order of unknown outcome (the local Binance, through ccxt)', () => {
  it('a reduce-only close sent while HALTED whose answer is lost (503) blocks re-arm, named, until the grace ends and the exchange has no record of it', async () => {
    const r = await startLiveKillRig();
    rigs.push(r);
    // A position, then a kill without flatten: done, the exchange shows no open order.
    const held = await openPosition(r);
    const done = await r.risk.triggerKill({ actor: 'user:test', reason: 'test', flatten: false })
      .done;
    expect(done.phase).toBe('done');
    expect(venueOpenOrders(r)).toBe(0);

    // While HALTED the trader closes it (reduce-only is allowed); the gateway answers 503, so
    // the close may or may not be at the exchange (here it is not): its outcome is unknown.
    r.server.fail('/api/v3/order', { kind: 'status', status: 503 }, 1, 'POST');
    const close = await r.executor.place(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: held, reduceOnly: true },
      'user:test',
    );
    expect(close.reason).toBe(null);
    expect(close.state).toBe('SUBMITTED');
    expect(venueOpenOrders(r)).toBe(0);

    // The exchange shows no open order, yet re-arm is refused, with words naming the order.
    const refused = r.risk.kill.rearm('user:test', 'back to work');
    await expect(refused).rejects.toBeInstanceOf(RearmRefusedError);
    await expect(refused).rejects.toThrow(
      `an order's outcome is unknown (its placement answer was lost; the venue may still take it in): binance sell ${held} BTC/USDT market (client id ${close.clientOrderId}); re-arm once it is found or recorded as never placed`,
    );
    expect(r.risk.control.mode).toBe('HALTED');
    expect(refusals(r)).toEqual([
      expect.stringContaining(`(client id ${close.clientOrderId})`) as string,
    ]);

    // Inside the grace the live book's reconciliation asks the exchange and learns nothing:
    // still unknown, still refused.
    r.clock.advance(10_000);
    await r.executor.reconcile('system:live-reconcile');
    expect(r.executor.view(close.clientOrderId).state).toBe('SUBMITTED');
    await expect(r.risk.kill.rearm('user:test', 'back to work')).rejects.toThrow(
      /an order's outcome is unknown/,
    );

    // Once the grace has ended the exchange's "no record" settles it (never placed): re-arm goes.
    r.clock.advance(25_000);
    await r.executor.reconcile('system:live-reconcile');
    expect(r.executor.view(close.clientOrderId).state).toBe('EXPIRED');
    const state = await r.risk.kill.rearm('user:test', 'back to work');
    expect(state.mode).toBe('RUNNING');
    expect(r.server.calls('/api/v3/order').filter((c) => c.method === 'POST')).toHaveLength(2);
  });

  it('an order still on its way to the exchange (no answer yet) blocks re-arm until its answer is in', async () => {
    const r = await startLiveKillRig();
    rigs.push(r);
    const held = await openPosition(r);
    const done = await r.risk.triggerKill({ actor: 'user:test', reason: 'test', flatten: false })
      .done;
    expect(done.phase).toBe('done');
    // While HALTED the trader sets a take-profit (reduce-only); the exchange holds the request
    // until released, so its answer is not in yet.
    let release: () => void = () => {};
    let arrived: () => void = () => {};
    const atExchange = new Promise<void>((resolve) => (arrived = resolve));
    r.server.fail(
      '/api/v3/order',
      { kind: 'hold', release: new Promise<void>((resolve) => (release = resolve)), arrived },
      1,
      'POST',
    );
    const placing = r.executor.place(
      {
        symbol: 'BTC/USDT',
        side: 'sell',
        type: 'limit',
        qty: held,
        price: priceAt(r, 'BTC/USDT', 1.1),
        reduceOnly: true,
      },
      'user:test',
    );
    await atExchange;
    expect(r.executor.sendsInFlight()).toBe(1);
    await expect(r.risk.kill.rearm('user:test', 'back to work')).rejects.toThrow(
      'an order is on its way to binance (its placement answer is not in yet); re-arm once it is',
    );
    release();
    const placed = await placing;
    expect(placed.state).toBe('OPEN');
    // Now it rests at the exchange: refused for that, as before; cancelled, re-arm goes.
    await expect(r.risk.kill.rearm('user:test', 'back to work')).rejects.toThrow(
      'venues still show open orders: binance 1',
    );
    await r.executor.cancel(placed.clientOrderId, 'user:test');
    await r.executor.idle();
    expect(venueOpenOrders(r)).toBe(0);
    expect((await r.risk.kill.rearm('user:test', 'back to work')).mode).toBe('RUNNING');
  });
});
